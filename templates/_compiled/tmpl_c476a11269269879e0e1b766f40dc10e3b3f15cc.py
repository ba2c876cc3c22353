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
        t_1 = environment.filters['cell']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'cell' found.")
    try:
        t_2 = environment.filters['chart']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'chart' found.")
    try:
        t_3 = environment.filters['exact']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'exact' found.")
    try:
        t_4 = environment.filters['glossary_links']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'glossary_links' found.")
    try:
        t_5 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_6 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_7 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_8 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_9 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_10 = environment.filters['string']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'string' found.")
    try:
        t_11 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_12 = environment.tests['number']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No test named 'number' found.")
    pass
    def macro(l_1_block, l_1_section, l_1_brief):
        t_13 = []
        if l_1_block is missing:
            l_1_block = undefined("parameter 'block' was not provided", name='block')
        if l_1_section is missing:
            l_1_section = undefined("parameter 'section' was not provided", name='section')
        if l_1_brief is missing:
            l_1_brief = undefined("parameter 'brief' was not provided", name='brief')
        pass
        if (environment.getattr(l_1_block, 'type') == 'paragraph'):
            pass
            t_13.extend((
                '  <p class="ek-',
                escape(environment.getattr(l_1_block, 'tone')),
                '">',
                escape(t_4(environment.getattr(l_1_block, 'text'), environment.getattr(l_1_section, 'id'))),
                '</p>\n',
            ))
        elif (environment.getattr(l_1_block, 'type') == 'table'):
            pass
            t_13.append(
                '  <div class="ek-scroll',
            )
            if (t_6(environment.getattr(l_1_block, 'rows')) > 12):
                pass
                t_13.append(
                    ' ek-scroll-tall',
                )
            t_13.append(
                '">\n  <table class="ek-table',
            )
            if t_7(context.eval_ctx, t_9(context, environment.getattr(l_1_block, 'columns'), 'tag')):
                pass
                t_13.append(
                    ' ek-data',
                )
            t_13.extend((
                '">\n    <caption>',
                escape(environment.getattr(l_1_block, 'caption')),
                '</caption>\n    <thead><tr>',
            ))
            for l_2_col in environment.getattr(l_1_block, 'columns'):
                _loop_vars = {}
                pass
                t_13.append(
                    '<th scope="col"',
                )
                if environment.getattr(l_2_col, 'help'):
                    pass
                    t_13.extend((
                        ' title="',
                        escape(environment.getattr(l_2_col, 'help')),
                        '"',
                    ))
                if (environment.getattr(l_2_col, 'format') != 'text'):
                    pass
                    t_13.append(
                        ' class="ek-num"',
                    )
                t_13.extend((
                    '>',
                    escape(environment.getattr(l_2_col, 'name')),
                ))
                if environment.getattr(l_2_col, 'tag'):
                    pass
                    t_13.extend((
                        '<span class="ek-tag"> <span class="ek-role ek-role-',
                        escape(environment.getattr(l_2_col, 'tag')),
                        '">',
                        escape(environment.getattr(l_2_col, 'tag')),
                        '</span></span>',
                    ))
                t_13.append(
                    '</th>',
                )
            l_2_col = missing
            t_13.append(
                '</tr></thead>\n    <tbody>\n',
            )
            l_2_loop = missing
            for l_2_row, l_2_loop in LoopContext(environment.getattr(l_1_block, 'rows'), undefined):
                _loop_vars = {}
                pass
                t_13.append(
                    '      <tr>',
                )
                l_3_loop = missing
                for l_3_cell, l_3_loop in LoopContext(l_2_row, undefined):
                    l_3_k = resolve('k')
                    l_3_fmt = missing
                    _loop_vars = {}
                    pass
                    l_3_fmt = environment.getattr(environment.getitem(environment.getattr(l_1_block, 'columns'), environment.getattr(l_3_loop, 'index0')), 'format')
                    _loop_vars['fmt'] = l_3_fmt
                    if environment.getattr(l_3_loop, 'first'):
                        pass
                        t_13.append(
                            '<th scope="row">',
                        )
                    else:
                        pass
                        t_13.append(
                            '<td',
                        )
                        if ((undefined(name='fmt') if l_3_fmt is missing else l_3_fmt) != 'text'):
                            pass
                            t_13.append(
                                ' class="ek-num"',
                            )
                        if (((undefined(name='fmt') if l_3_fmt is missing else l_3_fmt) in ('num', 'p')) and t_12(l_3_cell)):
                            pass
                            t_13.extend((
                                ' title="',
                                escape(t_3(l_3_cell)),
                                '"',
                            ))
                        elif (((undefined(name='fmt') if l_3_fmt is missing else l_3_fmt) == 'pct') and t_12(l_3_cell)):
                            pass
                            t_13.extend((
                                ' title="',
                                escape(t_3((100 * l_3_cell))),
                                ' %"',
                            ))
                        elif (((((undefined(name='fmt') if l_3_fmt is missing else l_3_fmt) in ('ci', 'ci_pct')) and l_3_cell) and t_12(environment.getitem(l_3_cell, 0))) and t_12(environment.getitem(l_3_cell, 1))):
                            pass
                            l_3_k = (100 if ((undefined(name='fmt') if l_3_fmt is missing else l_3_fmt) == 'ci_pct') else 1)
                            _loop_vars['k'] = l_3_k
                            t_13.extend((
                                ' title="',
                                escape(t_3(((undefined(name='k') if l_3_k is missing else l_3_k) * environment.getitem(l_3_cell, 0)))),
                                escape((' %' if ((undefined(name='k') if l_3_k is missing else l_3_k) == 100) else '')),
                                ' to ',
                                escape(t_3(((undefined(name='k') if l_3_k is missing else l_3_k) * environment.getitem(l_3_cell, 1)))),
                                escape((' %' if ((undefined(name='k') if l_3_k is missing else l_3_k) == 100) else '')),
                                '"',
                            ))
                        t_13.append(
                            '>',
                        )
                    t_13.append(
                        escape(t_1(l_3_cell, (undefined(name='fmt') if l_3_fmt is missing else l_3_fmt))),
                    )
                    if environment.getattr(l_3_loop, 'first'):
                        pass
                        t_13.append(
                            '</th>',
                        )
                    else:
                        pass
                        t_13.append(
                            '</td>',
                        )
                l_3_loop = l_3_cell = l_3_fmt = l_3_k = missing
                t_13.append(
                    '</tr>\n',
                )
            l_2_loop = l_2_row = missing
            t_13.append(
                '    </tbody>\n  </table>\n  </div>\n',
            )
            if environment.getattr(l_1_block, 'row_notes'):
                pass
                t_13.append(
                    '  <details class="ek-details ek-row-details"',
                )
                if (t_6(environment.getattr(l_1_block, 'row_notes')) <= 3):
                    pass
                    t_13.append(
                        ' open',
                    )
                t_13.extend((
                    '>\n    <summary>In words, row by row <span class="ek-summary-hint">',
                    escape(t_6(environment.getattr(l_1_block, 'row_notes'))),
                    ' note',
                    escape(('s' if (t_6(environment.getattr(l_1_block, 'row_notes')) != 1) else '')),
                    '</span></summary>\n    <ul class="ek-row-notes">',
                ))
                for l_2_note in environment.getattr(l_1_block, 'row_notes'):
                    _loop_vars = {}
                    pass
                    t_13.extend((
                        '<li>',
                        escape(l_2_note),
                        '</li>',
                    ))
                l_2_note = missing
                t_13.append(
                    '</ul>\n  </details>\n',
                )
        elif (environment.getattr(l_1_block, 'type') == 'chart'):
            pass
            t_13.extend((
                '  ',
                escape(t_2(l_1_block, (not l_1_brief))),
                '\n',
            ))
        return concat(t_13)
    context.exported_vars.add('render_block')
    context.vars['render_block'] = l_0_render_block = Macro(environment, macro, 'render_block', ('block', 'section', 'brief'), False, False, False, context.eval_ctx.autoescape)
    l_0_brief = (t_11((undefined(name='report') if l_0_report is missing else l_0_report)) and (context.call(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'settings'), 'get'), 'explain') == 'brief'))
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
        yield escape(t_4(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'summary'), environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'id')))
        yield '</p>'
    if environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'fold'):
        pass
        yield '  <details class="ek-details ek-fold">\n    <summary>Read the '
        yield escape(t_8(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'title')))
        yield ' <span class="ek-summary-hint">'
        yield escape((t_6(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'blocks')) + t_6(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'subsections'))))
        yield ' parts</span></summary>\n'
    for l_1_block in (undefined(name='shown') if l_0_shown is missing else l_0_shown):
        _loop_vars = {}
        pass
        yield escape(context.call((undefined(name='render_block') if l_0_render_block is missing else l_0_render_block), l_1_block, (undefined(name='section') if l_0_section is missing else l_0_section), (undefined(name='brief') if l_0_brief is missing else l_0_brief), _loop_vars=_loop_vars))
    l_1_block = missing
    if (undefined(name='folded') if l_0_folded is missing else l_0_folded):
        pass
        l_0_n_tables = t_6(t_7(context.eval_ctx, t_9(context, (undefined(name='folded') if l_0_folded is missing else l_0_folded), 'type', 'equalto', 'table')))
        context.vars['n_tables'] = l_0_n_tables
        context.exported_vars.add('n_tables')
        l_0_n_charts = t_6(t_7(context.eval_ctx, t_9(context, (undefined(name='folded') if l_0_folded is missing else l_0_folded), 'type', 'equalto', 'chart')))
        context.vars['n_charts'] = l_0_n_charts
        context.exported_vars.add('n_charts')
        l_0_n_words = t_6(t_7(context.eval_ctx, t_9(context, (undefined(name='folded') if l_0_folded is missing else l_0_folded), 'type', 'equalto', 'paragraph')))
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
            l_0__ = context.call(environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'append'), markup_join((t_10((undefined(name='n_tables') if l_0_n_tables is missing else l_0_n_tables)), (' table' if ((undefined(name='n_tables') if l_0_n_tables is missing else l_0_n_tables) == 1) else ' tables'), )))
            context.vars['_'] = l_0__
        if (undefined(name='n_charts') if l_0_n_charts is missing else l_0_n_charts):
            pass
            l_0__ = context.call(environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'append'), markup_join((t_10((undefined(name='n_charts') if l_0_n_charts is missing else l_0_n_charts)), (' chart' if ((undefined(name='n_charts') if l_0_n_charts is missing else l_0_n_charts) == 1) else ' charts'), )))
            context.vars['_'] = l_0__
        if (undefined(name='n_words') if l_0_n_words is missing else l_0_n_words):
            pass
            l_0__ = context.call(environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'append'), markup_join((t_10((undefined(name='n_words') if l_0_n_words is missing else l_0_n_words)), (' paragraph' if ((undefined(name='n_words') if l_0_n_words is missing else l_0_n_words) == 1) else ' paragraphs'), )))
            context.vars['_'] = l_0__
        yield escape(t_5(context.eval_ctx, (undefined(name='parts') if l_0_parts is missing else l_0_parts), ', '))
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
        if ((t_6(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'subsections')) > 1) and (not environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'fold'))):
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
debug_info = '7=92&8=101&9=105&10=110&11=115&12=123&13=130&14=133&16=172&17=179&22=252&23=257&24=264&25=269&28=281&29=285&32=291&33=294&34=300&35=314&36=322&37=330&38=335&40=338&42=342&43=347&44=349&45=352&46=355&48=359&49=383&52=389&53=396&54=399&55=403&56=409&60=418'