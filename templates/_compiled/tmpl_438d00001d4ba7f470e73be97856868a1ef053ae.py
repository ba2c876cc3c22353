from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'column.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_col = resolve('col')
    l_0_report = resolve('report')
    l_0_col_id = resolve('col_id')
    l_0_tv = resolve('tv')
    l_0_more_charts = resolve('more_charts')
    l_0_details_open = resolve('details_open')
    l_0_d = l_0_years = l_0_level = l_0_brief = missing
    try:
        t_1 = environment.filters['ci']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'ci' found.")
    try:
        t_2 = environment.filters['default']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'default' found.")
    try:
        t_3 = environment.filters['exact']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'exact' found.")
    try:
        t_4 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_5 = environment.filters['glossary_links']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'glossary_links' found.")
    try:
        t_6 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_7 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_8 = environment.filters['num']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'num' found.")
    try:
        t_9 = environment.filters['pct']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'pct' found.")
    try:
        t_10 = environment.tests['float']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No test named 'float' found.")
    try:
        t_11 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_d = environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'numeric')
    context.vars['d'] = l_0_d
    context.exported_vars.add('d')
    l_0_years = (environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'kind') == 'year')
    context.vars['years'] = l_0_years
    context.exported_vars.add('years')
    l_0_level = t_9(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'settings'), 'conf_level'), 0)
    context.vars['level'] = l_0_level
    context.exported_vars.add('level')
    l_0_brief = (context.call(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'settings'), 'get'), 'explain') == 'brief')
    context.vars['brief'] = l_0_brief
    context.exported_vars.add('brief')
    yield '<article class="ek-column" id="'
    yield escape((undefined(name='col_id') if l_0_col_id is missing else l_0_col_id))
    yield '" aria-labelledby="'
    yield escape((undefined(name='col_id') if l_0_col_id is missing else l_0_col_id))
    yield '-h" data-ek-name="'
    yield escape(t_7(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'name')))
    yield '" data-ek-role="'
    yield escape(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'role'))
    yield '">\n  <h3 id="'
    yield escape((undefined(name='col_id') if l_0_col_id is missing else l_0_col_id))
    yield '-h"><span class="ek-colname">'
    yield escape(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'name'))
    yield '</span> <span class="ek-role ek-role-'
    yield escape(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'role'))
    yield '">'
    yield escape(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'role'))
    yield '</span> <small class="ek-dtype">'
    yield escape(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'dtype'))
    yield '</small></h3>\n  <div class="ek-col-body'
    if environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'charts'):
        pass
        yield ' ek-col-with-chart'
    yield '">\n  <div class="ek-col-text">\n  <p class="ek-explain">'
    yield escape(t_5(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'summary')))
    yield '</p>\n'
    if (not environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'skipped')):
        pass
        yield '  <dl class="ek-keys">\n    <div><dt>Values</dt><dd>'
        yield escape(t_8((environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'rows') - environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'missing'))))
        yield '</dd></div>\n    <div><dt>Missing</dt><dd title="'
        yield escape(t_8(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'missing')))
        yield ' of '
        yield escape(t_8(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'rows')))
        yield ' rows">'
        yield escape(t_9(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'missing_fraction')))
        yield '</dd></div>\n    <div><dt>Distinct</dt><dd>'
        yield escape(t_8(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'distinct')))
        yield '</dd></div>\n'
        if ((undefined(name='d') if l_0_d is missing else l_0_d) and (not t_11(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'mean')))):
            pass
            yield '    <div><dt>Mean</dt><dd title="'
            yield escape(t_3(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'mean')))
            if environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'mean_ci'):
                pass
                yield '; '
                yield escape((undefined(name='level') if l_0_level is missing else l_0_level))
                yield ' CI '
                yield escape(t_1(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'mean_ci'), years=(undefined(name='years') if l_0_years is missing else l_0_years)))
            yield '">'
            yield escape(t_8(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'mean'), years=(undefined(name='years') if l_0_years is missing else l_0_years)))
            yield '</dd></div>\n    <div><dt>Median</dt><dd title="'
            yield escape(t_3(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'median')))
            yield '">'
            yield escape(t_8(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'median'), years=(undefined(name='years') if l_0_years is missing else l_0_years)))
            yield '</dd></div>\n'
            if (not t_11(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'sd'))):
                pass
                yield '<div><dt>SD</dt><dd title="'
                yield escape(t_3(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'sd')))
                yield '">'
                yield escape(t_8(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'sd')))
                yield '</dd></div>'
        elif environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'top_values'):
            pass
            l_0_tv = environment.getitem(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'top_values'), 0)
            context.vars['tv'] = l_0_tv
            context.exported_vars.add('tv')
            yield '    <div class="ek-key-wide"><dt>Most common</dt><dd><span class="ek-trunc">'
            yield escape(environment.getattr((undefined(name='tv') if l_0_tv is missing else l_0_tv), 'value'))
            yield '</span> <small title="'
            yield escape(t_8(environment.getattr((undefined(name='tv') if l_0_tv is missing else l_0_tv), 'count')))
            yield ' rows; '
            yield escape((undefined(name='level') if l_0_level is missing else l_0_level))
            yield ' Wilson CI '
            yield escape(t_1(environment.getattr((undefined(name='tv') if l_0_tv is missing else l_0_tv), 'ci'), True))
            yield '">'
            yield escape(t_9(environment.getattr((undefined(name='tv') if l_0_tv is missing else l_0_tv), 'proportion')))
            yield '</small></dd></div>\n'
        yield '  </dl>\n'
    yield '  </div>\n'
    if environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'charts'):
        pass
        l_1_chart = environment.getitem(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'charts'), 0)
        pass
        template = environment.get_template('chart.html.j2', 'column.html.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'chart': l_1_chart, 'brief': l_0_brief, 'd': l_0_d, 'level': l_0_level, 'more_charts': l_0_more_charts, 'tv': l_0_tv, 'years': l_0_years}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        l_1_chart = missing
    yield '  </div>\n'
    if environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'skipped'):
        pass
        yield '  <p class="ek-note">Skipped: '
        yield escape(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'skipped'))
        yield '</p>\n'
    else:
        pass
        l_0_more_charts = environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'charts')[1:]
        context.vars['more_charts'] = l_0_more_charts
        context.exported_vars.add('more_charts')
        yield '  <details class="ek-details ek-col-more"'
        if t_2((undefined(name='details_open') if l_0_details_open is missing else l_0_details_open), False):
            pass
            yield ' open'
        yield '>\n    <summary>More on '
        yield escape(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'name'))
        yield ' <span class="ek-summary-hint">'
        yield escape(t_6(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'facts')))
        yield ' statistic'
        yield escape(('s' if (t_6(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'facts')) != 1) else ''))
        if (undefined(name='more_charts') if l_0_more_charts is missing else l_0_more_charts):
            pass
            yield ', '
            yield escape(t_6((undefined(name='more_charts') if l_0_more_charts is missing else l_0_more_charts)))
            yield ' more chart'
            yield escape(('s' if (t_6((undefined(name='more_charts') if l_0_more_charts is missing else l_0_more_charts)) != 1) else ''))
        if environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'top_values'):
            pass
            yield ', '
            yield escape(t_6(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'top_values')))
            yield ' most common value'
            yield escape(('s' if (t_6(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'top_values')) != 1) else ''))
        yield '</span></summary>\n'
        if (undefined(name='more_charts') if l_0_more_charts is missing else l_0_more_charts):
            pass
            yield '    <div class="ek-charts">\n'
            for l_1_chart in (undefined(name='more_charts') if l_0_more_charts is missing else l_0_more_charts):
                _loop_vars = {}
                pass
                template = environment.get_template('chart.html.j2', 'column.html.j2')
                gen = template.root_render_func(template.new_context(context.get_all(), True, {'chart': l_1_chart, 'brief': l_0_brief, 'd': l_0_d, 'level': l_0_level, 'more_charts': l_0_more_charts, 'tv': l_0_tv, 'years': l_0_years}))
                try:
                    for event in gen:
                        yield event
                finally: gen.close()
            l_1_chart = missing
            yield '    </div>\n'
        yield '    <div class="ek-scroll">\n    <table class="ek-table ek-stats">\n      <caption>Statistics of '
        yield escape(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'name'))
        yield '</caption>\n      <thead><tr><th scope="col">Statistic</th><th scope="col" class="ek-num">Value</th><th scope="col" class="ek-num">'
        yield escape((undefined(name='level') if l_0_level is missing else l_0_level))
        yield ' CI</th>'
        if (not (undefined(name='brief') if l_0_brief is missing else l_0_brief)):
            pass
            yield '<th scope="col">What it means</th>'
        yield '</tr></thead>\n      <tbody>\n'
        for l_1_fact in environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'facts'):
            _loop_vars = {}
            pass
            yield '        <tr><th scope="row">'
            yield escape(environment.getattr(l_1_fact, 'label'))
            yield '</th><td class="ek-num"'
            if t_10(environment.getattr(l_1_fact, 'value')):
                pass
                yield ' title="'
                yield escape(t_3(environment.getattr(l_1_fact, 'value')))
                yield '"'
            yield '>'
            yield escape(t_8(environment.getattr(l_1_fact, 'value'), years=(undefined(name='years') if l_0_years is missing else l_0_years)))
            yield '</td><td class="ek-num"'
            if environment.getattr(l_1_fact, 'ci'):
                pass
                yield ' title="'
                yield escape(t_3(environment.getitem(environment.getattr(l_1_fact, 'ci'), 0)))
                yield ' to '
                yield escape(t_3(environment.getitem(environment.getattr(l_1_fact, 'ci'), 1)))
                yield '"'
            yield '>'
            yield escape(t_1(environment.getattr(l_1_fact, 'ci'), years=(undefined(name='years') if l_0_years is missing else l_0_years)))
            yield '</td>'
            if (not (undefined(name='brief') if l_0_brief is missing else l_0_brief)):
                pass
                yield '<td class="ek-meaning">'
                yield escape(environment.getattr(l_1_fact, 'explanation'))
                yield '</td>'
            yield '</tr>\n'
        l_1_fact = missing
        yield '      </tbody>\n    </table>\n    </div>\n'
        if environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'top_values'):
            pass
            yield '    <div class="ek-scroll">\n    <table class="ek-table ek-top">\n      <caption>Most common values of '
            yield escape(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'name'))
            yield ' <small class="ek-muted">'
            yield escape(t_6(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'top_values')))
            yield ' of '
            yield escape(t_8(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'distinct')))
            yield '</small></caption>\n      <thead><tr><th scope="col">Value</th><th scope="col" class="ek-num">Count</th><th scope="col" class="ek-num">Share</th><th scope="col" class="ek-num">'
            yield escape((undefined(name='level') if l_0_level is missing else l_0_level))
            yield ' Wilson CI</th></tr></thead>\n      <tbody>\n'
            for l_1_tv in environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'top_values'):
                _loop_vars = {}
                pass
                yield '        <tr><th scope="row" class="ek-value">'
                yield escape(environment.getattr(l_1_tv, 'value'))
                yield '</th><td class="ek-num">'
                yield escape(t_8(environment.getattr(l_1_tv, 'count')))
                yield '</td><td class="ek-num" title="'
                yield escape(t_3((100 * environment.getattr(l_1_tv, 'proportion'))))
                yield ' %"><span class="ek-bar" style="--share: '
                yield escape(t_4('%.4f', environment.getattr(l_1_tv, 'proportion')))
                yield '" aria-hidden="true"></span>'
                yield escape(t_9(environment.getattr(l_1_tv, 'proportion')))
                yield '</td><td class="ek-num" title="'
                yield escape(t_3((100 * environment.getitem(environment.getattr(l_1_tv, 'ci'), 0))))
                yield ' % to '
                yield escape(t_3((100 * environment.getitem(environment.getattr(l_1_tv, 'ci'), 1))))
                yield ' %">'
                yield escape(t_1(environment.getattr(l_1_tv, 'ci'), True))
                yield '</td></tr>\n'
            l_1_tv = missing
            if environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'other_count'):
                pass
                yield '        <tr class="ek-other"><th scope="row">(other values)</th><td class="ek-num">'
                yield escape(t_8(environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'other_count')))
                yield '</td><td class="ek-num">'
                yield escape(t_9((environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'other_count') / (environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'rows') - environment.getattr((undefined(name='col') if l_0_col is missing else l_0_col), 'missing')))))
                yield '</td><td></td></tr>\n'
            yield '      </tbody>\n    </table>\n    </div>\n'
        yield '  </details>\n'
    yield '</article>'

blocks = {}
debug_info = '4=84&5=87&6=90&7=93&8=97&9=105&10=115&12=119&13=121&15=124&16=126&17=132&18=134&19=137&20=147&21=151&22=158&23=160&24=164&29=176&30=180&33=188&34=191&36=195&37=199&38=203&39=221&41=224&46=236&47=238&49=244&50=248&55=276&58=279&59=285&61=287&62=291&64=308&65=311'