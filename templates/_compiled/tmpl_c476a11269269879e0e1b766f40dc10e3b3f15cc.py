from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'section.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_report = resolve('report')
    l_0_section = resolve('section')
    l_0_level = resolve('level')
    l_0_n_tables = resolve('n_tables')
    l_0_n_charts = resolve('n_charts')
    l_0_n_words = resolve('n_words')
    l_0_parts = resolve('parts')
    l_0__ = resolve('_')
    l_0_render_block = l_0_brief = l_0_folded = l_0_shown = missing
    try:
        t_1 = environment.filters['chart']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'chart' found.")
    try:
        t_2 = environment.filters['glossary_links']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'glossary_links' found.")
    try:
        t_3 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_4 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_5 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_6 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_7 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_8 = environment.filters['string']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'string' found.")
    try:
        t_9 = environment.filters['table_row']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'table_row' found.")
    try:
        t_10 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    def macro(l_1_block, l_1_section, l_1_brief):
        t_11 = []
        if l_1_block is missing:
            l_1_block = undefined("parameter 'block' was not provided", name='block')
        if l_1_section is missing:
            l_1_section = undefined("parameter 'section' was not provided", name='section')
        if l_1_brief is missing:
            l_1_brief = undefined("parameter 'brief' was not provided", name='brief')
        pass
        if (environment.getattr(l_1_block, 'type') == 'paragraph'):
            pass
            t_11.extend((
                '  <p class="ek-',
                escape(environment.getattr(l_1_block, 'tone')),
                '">',
                escape(t_2(environment.getattr(l_1_block, 'text'), environment.getattr(l_1_section, 'id'))),
                '</p>\n',
            ))
        elif (environment.getattr(l_1_block, 'type') == 'table'):
            pass
            t_11.append(
                '  <div class="ek-scroll',
            )
            if (t_4(environment.getattr(l_1_block, 'rows')) > 12):
                pass
                t_11.append(
                    ' ek-scroll-tall',
                )
            t_11.append(
                '">\n  <table class="ek-table',
            )
            if t_5(context.eval_ctx, t_7(context, environment.getattr(l_1_block, 'columns'), 'tag')):
                pass
                t_11.append(
                    ' ek-data',
                )
            t_11.extend((
                '">\n    <caption>',
                escape(environment.getattr(l_1_block, 'caption')),
                '</caption>\n    <thead><tr>',
            ))
            for l_2_col in environment.getattr(l_1_block, 'columns'):
                _loop_vars = {}
                pass
                t_11.append(
                    '<th scope="col"',
                )
                if environment.getattr(l_2_col, 'help'):
                    pass
                    t_11.extend((
                        ' title="',
                        escape(environment.getattr(l_2_col, 'help')),
                        '"',
                    ))
                if (environment.getattr(l_2_col, 'format') != 'text'):
                    pass
                    t_11.append(
                        ' class="ek-num"',
                    )
                t_11.extend((
                    '>',
                    escape(environment.getattr(l_2_col, 'name')),
                ))
                if environment.getattr(l_2_col, 'tag'):
                    pass
                    t_11.extend((
                        '<span class="ek-tag"> <span class="ek-role ek-role-',
                        escape(environment.getattr(l_2_col, 'tag')),
                        '">',
                        escape(environment.getattr(l_2_col, 'tag')),
                        '</span></span>',
                    ))
                t_11.append(
                    '</th>',
                )
            l_2_col = missing
            t_11.append(
                '</tr></thead>\n    <tbody>\n',
            )
            for l_2_row in environment.getattr(l_1_block, 'rows'):
                _loop_vars = {}
                pass
                t_11.extend((
                    '      ',
                    escape(t_9(l_2_row, environment.getattr(l_1_block, 'columns'))),
                    '\n',
                ))
            l_2_row = missing
            t_11.append(
                '    </tbody>\n  </table>\n  </div>\n',
            )
            if environment.getattr(l_1_block, 'row_notes'):
                pass
                t_11.append(
                    '  <details class="ek-details ek-row-details"',
                )
                if (t_4(environment.getattr(l_1_block, 'row_notes')) <= 3):
                    pass
                    t_11.append(
                        ' open',
                    )
                t_11.extend((
                    '>\n    <summary>In words, row by row <span class="ek-summary-hint">',
                    escape(t_4(environment.getattr(l_1_block, 'row_notes'))),
                    ' note',
                    escape(('s' if (t_4(environment.getattr(l_1_block, 'row_notes')) != 1) else '')),
                    '</span></summary>\n    <ul class="ek-row-notes">',
                ))
                for l_2_note in environment.getattr(l_1_block, 'row_notes'):
                    _loop_vars = {}
                    pass
                    t_11.extend((
                        '<li>',
                        escape(l_2_note),
                        '</li>',
                    ))
                l_2_note = missing
                t_11.append(
                    '</ul>\n  </details>\n',
                )
        elif (environment.getattr(l_1_block, 'type') == 'chart'):
            pass
            t_11.extend((
                '  ',
                escape(t_1(l_1_block, (not l_1_brief))),
                '\n',
            ))
        return concat(t_11)
    context.exported_vars.add('render_block')
    context.vars['render_block'] = l_0_render_block = Macro(environment, macro, 'render_block', ('block', 'section', 'brief'), False, False, False, context.eval_ctx.autoescape)
    l_0_brief = (t_10((undefined(name='report') if l_0_report is missing else l_0_report)) and (context.call(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'settings'), 'get'), 'explain') == 'brief'))
    context.vars['brief'] = l_0_brief
    context.exported_vars.add('brief')
    l_0_folded = []
    context.vars['folded'] = l_0_folded
    context.exported_vars.add('folded')
    l_0_shown = []
    context.vars['shown'] = l_0_shown
    context.exported_vars.add('shown')
    for l_1_block in environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'blocks'):
        l_1__ = l_0__
        _loop_vars = {}
        pass
        if (environment.getattr(l_1_block, 'fold') or ((environment.getattr(l_1_block, 'type') == 'paragraph') and (environment.getattr(l_1_block, 'tone') in ('method', 'formula')))):
            pass
            l_1__ = context.call(environment.getattr((undefined(name='folded') if l_0_folded is missing else l_0_folded), 'append'), l_1_block, _loop_vars=_loop_vars)
            _loop_vars['_'] = l_1__
        else:
            pass
            l_1__ = context.call(environment.getattr((undefined(name='shown') if l_0_shown is missing else l_0_shown), 'append'), l_1_block, _loop_vars=_loop_vars)
            _loop_vars['_'] = l_1__
    l_1_block = l_1__ = missing
    yield '<section class="ek-section'
    if environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'fold'):
        pass
        yield ' ek-folded'
    yield '" id="'
    yield escape(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'id'))
    yield '" aria-labelledby="'
    yield escape(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'id'))
    yield '-h">\n  <h'
    yield escape((undefined(name='level') if l_0_level is missing else l_0_level))
    yield ' id="'
    yield escape(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'id'))
    yield '-h">'
    yield escape(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'title'))
    yield '</h'
    yield escape((undefined(name='level') if l_0_level is missing else l_0_level))
    yield '>\n'
    if environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'summary'):
        pass
        yield '<p class="ek-explain">'
        yield escape(t_2(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'summary'), environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'id')))
        yield '</p>'
    if environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'fold'):
        pass
        yield '  <details class="ek-details ek-fold">\n    <summary>Read the '
        yield escape(t_6(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'title')))
        yield ' <span class="ek-summary-hint">'
        yield escape((t_4(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'blocks')) + t_4(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'subsections'))))
        yield ' parts</span></summary>\n'
    for l_1_block in (undefined(name='shown') if l_0_shown is missing else l_0_shown):
        _loop_vars = {}
        pass
        yield escape(context.call((undefined(name='render_block') if l_0_render_block is missing else l_0_render_block), l_1_block, (undefined(name='section') if l_0_section is missing else l_0_section), (undefined(name='brief') if l_0_brief is missing else l_0_brief), _loop_vars=_loop_vars))
    l_1_block = missing
    if (undefined(name='folded') if l_0_folded is missing else l_0_folded):
        pass
        l_0_n_tables = t_4(t_5(context.eval_ctx, t_7(context, (undefined(name='folded') if l_0_folded is missing else l_0_folded), 'type', 'equalto', 'table')))
        context.vars['n_tables'] = l_0_n_tables
        context.exported_vars.add('n_tables')
        l_0_n_charts = t_4(t_5(context.eval_ctx, t_7(context, (undefined(name='folded') if l_0_folded is missing else l_0_folded), 'type', 'equalto', 'chart')))
        context.vars['n_charts'] = l_0_n_charts
        context.exported_vars.add('n_charts')
        l_0_n_words = t_4(t_5(context.eval_ctx, t_7(context, (undefined(name='folded') if l_0_folded is missing else l_0_folded), 'type', 'equalto', 'paragraph')))
        context.vars['n_words'] = l_0_n_words
        context.exported_vars.add('n_words')
        yield '  <details class="ek-details ek-more">\n    <summary>'
        if ((undefined(name='n_tables') if l_0_n_tables is missing else l_0_n_tables) or (undefined(name='n_charts') if l_0_n_charts is missing else l_0_n_charts)):
            pass
            yield 'Details and methods'
        else:
            pass
            yield 'How this was computed'
        yield ' <span class="ek-summary-hint">'
        l_0_parts = []
        context.vars['parts'] = l_0_parts
        context.exported_vars.add('parts')
        if (undefined(name='n_tables') if l_0_n_tables is missing else l_0_n_tables):
            pass
            l_0__ = context.call(environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'append'), markup_join((t_8((undefined(name='n_tables') if l_0_n_tables is missing else l_0_n_tables)), (' table' if ((undefined(name='n_tables') if l_0_n_tables is missing else l_0_n_tables) == 1) else ' tables'), )))
            context.vars['_'] = l_0__
        if (undefined(name='n_charts') if l_0_n_charts is missing else l_0_n_charts):
            pass
            l_0__ = context.call(environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'append'), markup_join((t_8((undefined(name='n_charts') if l_0_n_charts is missing else l_0_n_charts)), (' chart' if ((undefined(name='n_charts') if l_0_n_charts is missing else l_0_n_charts) == 1) else ' charts'), )))
            context.vars['_'] = l_0__
        if (undefined(name='n_words') if l_0_n_words is missing else l_0_n_words):
            pass
            l_0__ = context.call(environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'append'), markup_join((t_8((undefined(name='n_words') if l_0_n_words is missing else l_0_n_words)), (' paragraph' if ((undefined(name='n_words') if l_0_n_words is missing else l_0_n_words) == 1) else ' paragraphs'), )))
            context.vars['_'] = l_0__
        yield escape(t_3(context.eval_ctx, (undefined(name='parts') if l_0_parts is missing else l_0_parts), ', '))
        yield '</span></summary>\n'
        for l_1_block in (undefined(name='folded') if l_0_folded is missing else l_0_folded):
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='render_block') if l_0_render_block is missing else l_0_render_block), l_1_block, (undefined(name='section') if l_0_section is missing else l_0_section), (undefined(name='brief') if l_0_brief is missing else l_0_brief), _loop_vars=_loop_vars))
        l_1_block = missing
        yield '  </details>\n'
    for l_1_note in environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'notes'):
        _loop_vars = {}
        pass
        yield '<p class="ek-note">'
        yield escape(l_1_note)
        yield '</p>'
    l_1_note = missing
    if environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'subsections'):
        pass
        yield '  <div class="ek-subsections'
        if ((t_4(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'subsections')) > 1) and (not environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'fold'))):
            pass
            yield ' ek-subgrid'
        yield '">\n'
        for l_1_sub in environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'subsections'):
            _loop_vars = {}
            pass
            l_2_section = l_1_sub
            l_2_level = ((undefined(name='level') if l_0_level is missing else l_0_level) + 1)
            pass
            template = environment.get_template('section.html.j2', 'section.html.j2')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'level': l_2_level, 'section': l_2_section, 'sub': l_1_sub, '_': l_0__, 'brief': l_0_brief, 'folded': l_0_folded, 'n_charts': l_0_n_charts, 'n_tables': l_0_n_tables, 'n_words': l_0_n_words, 'parts': l_0_parts, 'render_block': l_0_render_block, 'shown': l_0_shown}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            l_2_section = l_2_level = missing
        l_1_sub = missing
        yield '  </div>\n'
    if environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'fold'):
        pass
        yield '  </details>\n'
    yield '</section>'

blocks = {}
debug_info = '7=80&8=89&9=93&10=98&11=103&12=111&13=118&14=121&16=159&17=164&22=171&23=176&24=183&25=188&28=200&29=204&32=210&33=213&34=219&35=233&36=241&37=249&38=254&40=257&42=261&43=266&44=268&45=271&46=274&48=278&49=302&52=308&53=315&54=318&55=322&56=328&60=337'