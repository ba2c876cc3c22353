from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_fragment = resolve('fragment')
    l_0_report = resolve('report')
    l_0_css = resolve('css')
    l_0_ncols = l_0_main_sections = l_0_end_sections = l_0_col_ids = l_0_col_alerts = l_0_o = missing
    try:
        t_1 = environment.filters['bytes']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'bytes' found.")
    try:
        t_2 = environment.filters['dictsort']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'dictsort' found.")
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
        t_5 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_6 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
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
        t_10 = environment.filters['rejectattr']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'rejectattr' found.")
    try:
        t_11 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_12 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    try:
        t_13 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_13(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_14 = environment.filters['slug']
    except KeyError:
        @internalcode
        def t_14(*unused):
            raise TemplateRuntimeError("No filter named 'slug' found.")
    try:
        t_15 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_15(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    try:
        t_16 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_16(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_17 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_17(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    if (not (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment)):
        pass
        yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n<meta name="generator" content="edakit '
        yield escape(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'edakit_version'))
        yield '">\n<title>'
        yield escape(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'title'))
        yield '</title>\n<style>'
        yield escape(t_12((undefined(name='css') if l_0_css is missing else l_0_css)))
        yield '\nbody { margin: 0; background: #fff; }\n@media (prefers-color-scheme: dark) { body { background: #15191f; } }\n@media print { body { background: #fff; } }</style>\n</head>\n<body>\n'
    else:
        pass
        yield '<style>'
        yield escape(t_12((undefined(name='css') if l_0_css is missing else l_0_css)))
        yield '</style>\n'
    l_0_ncols = t_5(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'columns'))
    context.vars['ncols'] = l_0_ncols
    context.exported_vars.add('ncols')
    l_0_main_sections = t_6(context.eval_ctx, t_10(context, environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'sections'), 'id', 'in', ['glossary']))
    context.vars['main_sections'] = l_0_main_sections
    context.exported_vars.add('main_sections')
    l_0_end_sections = t_6(context.eval_ctx, t_13(context, environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'sections'), 'id', 'in', ['glossary']))
    context.vars['end_sections'] = l_0_end_sections
    context.exported_vars.add('end_sections')
    l_0_col_ids = {}
    context.vars['col_ids'] = l_0_col_ids
    context.exported_vars.add('col_ids')
    l_0_col_alerts = {}
    context.vars['col_alerts'] = l_0_col_alerts
    context.exported_vars.add('col_alerts')
    l_1_loop = missing
    for l_1_col, l_1_loop in LoopContext(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'columns'), undefined):
        l_1__ = missing
        _loop_vars = {}
        pass
        l_1__ = context.call(environment.getattr((undefined(name='col_ids') if l_0_col_ids is missing else l_0_col_ids), 'update'), {environment.getattr(l_1_col, 'name'): t_14(environment.getattr(l_1_col, 'name'), environment.getattr(l_1_loop, 'index'))}, _loop_vars=_loop_vars)
        _loop_vars['_'] = l_1__
    l_1_loop = l_1_col = l_1__ = missing
    def t_18(fiter):
        for l_1_alert in fiter:
            if environment.getattr(l_1_alert, 'column'):
                yield l_1_alert
    for l_1_alert in t_18(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'alerts')):
        l_1__ = missing
        _loop_vars = {}
        pass
        l_1__ = context.call(environment.getattr((undefined(name='col_alerts') if l_0_col_alerts is missing else l_0_col_alerts), 'update'), {environment.getattr(l_1_alert, 'column'): (context.call(environment.getattr((undefined(name='col_alerts') if l_0_col_alerts is missing else l_0_col_alerts), 'get'), environment.getattr(l_1_alert, 'column'), [], _loop_vars=_loop_vars) + [l_1_alert])}, _loop_vars=_loop_vars)
        _loop_vars['_'] = l_1__
    l_1_alert = l_1__ = missing
    yield '<div class="edakit">\n<a class="ek-skip" href="#ek-main">Skip to main content</a>\n<header class="ek-header">\n  <h1>'
    yield escape(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'title'))
    yield '</h1>\n  <p class="ek-meta">Source: <strong>'
    yield escape(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'name'))
    yield '</strong>\n'
    if (environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'kind') != 'dataframe'):
        pass
        yield '('
        yield escape(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'kind'))
        if environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'encoding'):
            pass
            yield ', '
            yield escape(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'encoding'))
        if environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'delimiter'):
            pass
            yield ', delimiter '
            yield escape(t_15(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'delimiter')))
        if environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'compression'):
            pass
            yield ', '
            yield escape(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'compression'))
        yield ')'
    yield '    · '
    yield escape(t_8(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'overview'), 'rows')))
    yield ' rows × '
    yield escape(t_8((undefined(name='ncols') if l_0_ncols is missing else l_0_ncols)))
    yield ' columns · created <time datetime="'
    yield escape(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'created'))
    yield '">'
    yield escape(t_11(context.eval_ctx, t_11(context.eval_ctx, environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'created'), 'T', ' '), '+00:00', ' UTC'))
    yield '</time> · edakit '
    yield escape(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'edakit_version'))
    yield '</p>\n</header>\n<div class="ek-layout">\n<nav class="ek-toc" aria-labelledby="ek-toc-h">\n  <details class="ek-toc-box" open>\n  <summary><h2 id="ek-toc-h">Contents</h2></summary>\n  <ol class="ek-toc-top">\n    <li><a href="#overview">Overview</a></li>\n    <li><a href="#findings">Key findings</a></li>\n    <li><a href="#glance">Columns at a glance</a></li>\n    <li><a href="#alerts">Alerts <span class="ek-count-badge'
    if environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'alerts'):
        pass
        yield ' ek-has-alerts'
    yield '">'
    yield escape(t_5(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'alerts')))
    yield '</span></a></li>\n'
    for l_1_section in (undefined(name='main_sections') if l_0_main_sections is missing else l_0_main_sections):
        _loop_vars = {}
        pass
        yield '    <li><a href="#'
        yield escape(environment.getattr(l_1_section, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_section, 'title'))
        yield '</a></li>\n'
    l_1_section = missing
    yield '    <li><a href="#columns">Columns <span class="ek-count-badge">'
    yield escape((undefined(name='ncols') if l_0_ncols is missing else l_0_ncols))
    yield '</span></a>\n      <ol class="ek-toc-cols">\n'
    for l_1_col in environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'columns'):
        _loop_vars = {}
        pass
        yield '        <li data-ek-name="'
        yield escape(t_7(environment.getattr(l_1_col, 'name')))
        yield '" data-ek-role="'
        yield escape(environment.getattr(l_1_col, 'role'))
        yield '"><a href="#'
        yield escape(environment.getitem((undefined(name='col_ids') if l_0_col_ids is missing else l_0_col_ids), environment.getattr(l_1_col, 'name')))
        yield '"><span class="ek-toc-name">'
        yield escape(environment.getattr(l_1_col, 'name'))
        yield '</span> <span class="ek-toc-role ek-fg-'
        yield escape(environment.getattr(l_1_col, 'role'))
        yield '">'
        yield escape(environment.getattr(l_1_col, 'role'))
        yield '</span></a></li>\n'
    l_1_col = missing
    yield '      </ol>\n    </li>\n'
    for l_1_section in (undefined(name='end_sections') if l_0_end_sections is missing else l_0_end_sections):
        _loop_vars = {}
        pass
        yield '    <li><a href="#'
        yield escape(environment.getattr(l_1_section, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_section, 'title'))
        yield '</a></li>\n'
    l_1_section = missing
    yield '  </ol>\n  </details>\n</nav>\n<main class="ek-main" id="ek-main" tabindex="-1">\n<section id="overview" aria-labelledby="overview-h">\n  <h2 id="overview-h">Overview</h2>\n  <p class="ek-explain">'
    yield escape(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'overview'), 'summary'))
    yield '</p>\n'
    l_0_o = environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'overview')
    context.vars['o'] = l_0_o
    context.exported_vars.add('o')
    yield '  <dl class="ek-cards">\n    <div><dt>Rows</dt><dd>'
    yield escape(t_8(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'rows')))
    yield '</dd></div>\n    <div><dt>Columns</dt><dd>'
    yield escape(t_8(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'columns')))
    yield '</dd></div>\n    <div><dt>Missing cells</dt><dd>'
    yield escape(t_8(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'missing_cells')))
    yield ' <small title="'
    yield escape(t_3((100 * environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'missing_fraction'))))
    yield ' %">('
    yield escape(t_9(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'missing_fraction')))
    yield ')</small></dd></div>\n    <div><dt>Duplicate rows</dt><dd>'
    yield escape(t_8(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'duplicate_rows')))
    yield '</dd></div>\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'file_size'):
        pass
        yield '<div><dt>File size</dt><dd title="'
        yield escape(t_8(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'file_size')))
        yield ' bytes">'
        yield escape(t_1(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'file_size')))
        yield '</dd></div>'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'memory_bytes'):
        pass
        yield '<div><dt>In memory</dt><dd title="'
        yield escape(t_8(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'memory_bytes')))
        yield ' bytes">'
        yield escape(t_1(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'memory_bytes')))
        yield '</dd></div>'
    yield '  </dl>\n  <p class="ek-roles">'
    l_1_loop = missing
    for (l_1_role, l_1_count), l_1_loop in LoopContext(t_2(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'roles')), undefined):
        _loop_vars = {}
        pass
        yield '<span class="ek-role ek-role-'
        yield escape(l_1_role)
        yield '">'
        yield escape(l_1_count)
        yield ' '
        yield escape(l_1_role)
        yield '</span>'
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield ' '
    l_1_loop = l_1_role = l_1_count = missing
    yield '</p>\n'
    for l_1_note in (environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'source'), 'notes') + environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'notes')):
        _loop_vars = {}
        pass
        yield '  <p class="ek-note">'
        yield escape(l_1_note)
        yield '</p>\n'
    l_1_note = missing
    yield '</section>\n\n<section id="findings" aria-labelledby="findings-h">\n  <h2 id="findings-h">Key findings</h2>\n'
    if environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'findings'):
        pass
        yield '  <ol class="ek-findings">\n'
        for l_1_f in environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'findings'):
            l_1_href = missing
            _loop_vars = {}
            pass
            l_1_href = (markup_join(('#', environment.getattr(l_1_f, 'section'), )) if environment.getattr(l_1_f, 'section') else (markup_join(('#', environment.getitem((undefined(name='col_ids') if l_0_col_ids is missing else l_0_col_ids), environment.getattr(l_1_f, 'column')), )) if (environment.getattr(l_1_f, 'column') in (undefined(name='col_ids') if l_0_col_ids is missing else l_0_col_ids)) else ''))
            _loop_vars['href'] = l_1_href
            yield '    <li class="ek-finding"><span class="ek-finding-kind">'
            yield escape(environment.getattr(l_1_f, 'kind'))
            yield '</span> '
            yield escape(environment.getattr(l_1_f, 'text'))
            if (undefined(name='href') if l_1_href is missing else l_1_href):
                pass
                yield ' <a class="ek-finding-link" href="'
                yield escape((undefined(name='href') if l_1_href is missing else l_1_href))
                yield '">Evidence<span class="ek-sr"> for: '
                yield escape(environment.getattr(l_1_f, 'text'))
                yield '</span></a>'
            yield '</li>\n'
        l_1_f = l_1_href = missing
        yield '  </ol>\n'
    else:
        pass
        yield '  <p>Nothing stands out: no association or group difference survives the multiple-testing adjustment with more than a negligible size, no column is strikingly shaped, and no data-quality problem was found.</p>\n'
    yield '</section>\n\n<section id="glance" aria-labelledby="glance-h">\n  <h2 id="glance-h">Columns at a glance</h2>\n  <div class="ek-scroll'
    if ((undefined(name='ncols') if l_0_ncols is missing else l_0_ncols) > 30):
        pass
        yield ' ek-scroll-tall'
    yield '">\n  <table class="ek-table ek-glance">\n    <caption class="ek-sr">Columns at a glance</caption>\n    <thead><tr><th scope="col">Column</th><th scope="col">Role</th><th scope="col" class="ek-num">Missing</th><th scope="col" class="ek-num">Distinct</th><th scope="col" class="ek-num">Mean</th><th scope="col" class="ek-num">Median</th><th scope="col">Most common</th></tr></thead>\n    <tbody>\n'
    l_1_loop = missing
    for l_1_col, l_1_loop in LoopContext(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'columns'), undefined):
        l_1_tv = resolve('tv')
        l_1_d = missing
        _loop_vars = {}
        pass
        l_1_d = environment.getattr(l_1_col, 'numeric')
        _loop_vars['d'] = l_1_d
        yield '      <tr data-ek-name="'
        yield escape(t_7(environment.getattr(l_1_col, 'name')))
        yield '" data-ek-role="'
        yield escape(environment.getattr(l_1_col, 'role'))
        yield '">\n        <th scope="row"><a href="#'
        yield escape(environment.getitem((undefined(name='col_ids') if l_0_col_ids is missing else l_0_col_ids), environment.getattr(l_1_col, 'name')))
        yield '">'
        yield escape(environment.getattr(l_1_col, 'name'))
        yield '</a>'
        if (environment.getattr(l_1_col, 'name') in (undefined(name='col_alerts') if l_0_col_alerts is missing else l_0_col_alerts)):
            pass
            yield ' <span class="ek-flag" title="'
            l_2_loop = missing
            for l_2_a, l_2_loop in LoopContext(environment.getitem((undefined(name='col_alerts') if l_0_col_alerts is missing else l_0_col_alerts), environment.getattr(l_1_col, 'name')), undefined):
                _loop_vars = {}
                pass
                yield escape(environment.getattr(l_2_a, 'message'))
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ' '
            l_2_loop = l_2_a = missing
            yield '">'
            yield escape(t_5(environment.getitem((undefined(name='col_alerts') if l_0_col_alerts is missing else l_0_col_alerts), environment.getattr(l_1_col, 'name'))))
            yield ' alert'
            if (t_5(environment.getitem((undefined(name='col_alerts') if l_0_col_alerts is missing else l_0_col_alerts), environment.getattr(l_1_col, 'name'))) > 1):
                pass
                yield 's'
            yield '</span>'
        yield '</th>\n        <td><span class="ek-role ek-role-'
        yield escape(environment.getattr(l_1_col, 'role'))
        yield '">'
        yield escape(environment.getattr(l_1_col, 'role'))
        yield '</span></td>\n        <td class="ek-num" data-ek-sort="'
        yield escape(environment.getattr(l_1_col, 'missing_fraction'))
        yield '" title="'
        yield escape(t_8(environment.getattr(l_1_col, 'missing')))
        yield ' of '
        yield escape(t_8(environment.getattr(l_1_col, 'rows')))
        yield ' rows">'
        yield escape(t_9(environment.getattr(l_1_col, 'missing_fraction')))
        yield '</td>\n        <td class="ek-num">'
        yield escape(t_8(environment.getattr(l_1_col, 'distinct')))
        yield '</td>\n        <td class="ek-num"'
        if ((undefined(name='d') if l_1_d is missing else l_1_d) and (not t_17(environment.getattr((undefined(name='d') if l_1_d is missing else l_1_d), 'mean')))):
            pass
            yield ' title="'
            yield escape(t_3(environment.getattr((undefined(name='d') if l_1_d is missing else l_1_d), 'mean')))
            yield '"'
        yield '>'
        yield escape(t_8((environment.getattr((undefined(name='d') if l_1_d is missing else l_1_d), 'mean') if (undefined(name='d') if l_1_d is missing else l_1_d) else None), years=(environment.getattr(l_1_col, 'kind') == 'year')))
        yield '</td>\n        <td class="ek-num"'
        if ((undefined(name='d') if l_1_d is missing else l_1_d) and (not t_17(environment.getattr((undefined(name='d') if l_1_d is missing else l_1_d), 'median')))):
            pass
            yield ' title="'
            yield escape(t_3(environment.getattr((undefined(name='d') if l_1_d is missing else l_1_d), 'median')))
            yield '"'
        yield '>'
        yield escape(t_8((environment.getattr((undefined(name='d') if l_1_d is missing else l_1_d), 'median') if (undefined(name='d') if l_1_d is missing else l_1_d) else None), years=(environment.getattr(l_1_col, 'kind') == 'year')))
        yield '</td>\n'
        if (environment.getattr(l_1_col, 'top_values') and (not (undefined(name='d') if l_1_d is missing else l_1_d))):
            pass
            l_1_tv = environment.getitem(environment.getattr(l_1_col, 'top_values'), 0)
            _loop_vars['tv'] = l_1_tv
            yield '        <td class="ek-value" data-ek-sort="'
            yield escape(environment.getattr((undefined(name='tv') if l_1_tv is missing else l_1_tv), 'value'))
            yield '"><span class="ek-trunc">'
            yield escape(environment.getattr((undefined(name='tv') if l_1_tv is missing else l_1_tv), 'value'))
            yield '</span> <small class="ek-muted" title="'
            yield escape(t_8(environment.getattr((undefined(name='tv') if l_1_tv is missing else l_1_tv), 'count')))
            yield ' of '
            yield escape(t_8((environment.getattr(l_1_col, 'rows') - environment.getattr(l_1_col, 'missing'))))
            yield ' values">'
            yield escape(t_9(environment.getattr((undefined(name='tv') if l_1_tv is missing else l_1_tv), 'proportion')))
            yield '</small></td>\n'
        else:
            pass
            yield '        <td class="ek-muted">—</td>\n'
        yield '      </tr>\n'
    l_1_loop = l_1_col = l_1_d = l_1_tv = missing
    yield '    </tbody>\n  </table>\n  </div>\n'
    if environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'charts'):
        pass
        yield '  <h3>Missing values</h3>\n  <div class="ek-charts">\n'
        for l_1_chart in environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'charts'):
            _loop_vars = {}
            pass
            template = environment.get_template('chart.html.j2', 'report.html.j2')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'chart': l_1_chart, 'col_alerts': l_0_col_alerts, 'col_ids': l_0_col_ids, 'end_sections': l_0_end_sections, 'main_sections': l_0_main_sections, 'ncols': l_0_ncols, 'o': l_0_o}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
        l_1_chart = missing
        yield '  </div>\n'
    yield '</section>\n\n<section id="alerts" aria-labelledby="alerts-h">\n  <h2 id="alerts-h">Alerts</h2>\n'
    if environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'alerts'):
        pass
        yield '  <ul class="ek-alerts">\n'
        for l_1_alert in environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'alerts'):
            _loop_vars = {}
            pass
            yield '    <li class="ek-alert ek-'
            yield escape(environment.getattr(l_1_alert, 'severity'))
            yield '"><span class="ek-alert-kind">'
            yield escape(t_11(context.eval_ctx, environment.getattr(l_1_alert, 'kind'), '_', ' '))
            yield '</span> '
            yield escape(environment.getattr(l_1_alert, 'message'))
            if (environment.getattr(l_1_alert, 'column') and (environment.getattr(l_1_alert, 'column') in (undefined(name='col_ids') if l_0_col_ids is missing else l_0_col_ids))):
                pass
                yield ' <a class="ek-alert-link" href="#'
                yield escape(environment.getitem((undefined(name='col_ids') if l_0_col_ids is missing else l_0_col_ids), environment.getattr(l_1_alert, 'column')))
                yield '">Go to '
                yield escape(environment.getattr(l_1_alert, 'column'))
                yield '</a>'
            yield '</li>\n'
        l_1_alert = missing
        yield '  </ul>\n'
    else:
        pass
        yield '  <p>No data-quality alerts: no column is mostly missing, constant, heavily skewed or an identifier, and no row is duplicated.</p>\n'
    yield '</section>\n\n'
    for l_1_section in (undefined(name='main_sections') if l_0_main_sections is missing else l_0_main_sections):
        l_1_ready = resolve('ready')
        l_1_html = missing
        _loop_vars = {}
        pass
        l_1_html = (context.call((undefined(name='ready') if l_1_ready is missing else l_1_ready), l_1_section, _loop_vars=_loop_vars) if t_16((undefined(name='ready') if l_1_ready is missing else l_1_ready)) else None)
        _loop_vars['html'] = l_1_html
        if (not t_17((undefined(name='html') if l_1_html is missing else l_1_html))):
            pass
            yield escape((undefined(name='html') if l_1_html is missing else l_1_html))
        else:
            pass
            l_2_level = 2
            pass
            template = environment.get_template('section.html.j2', 'report.html.j2')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'level': l_2_level, 'html': l_1_html, 'section': l_1_section, 'col_alerts': l_0_col_alerts, 'col_ids': l_0_col_ids, 'end_sections': l_0_end_sections, 'main_sections': l_0_main_sections, 'ncols': l_0_ncols, 'o': l_0_o}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            l_2_level = missing
    l_1_section = l_1_ready = l_1_html = missing
    yield '\n<section id="columns" aria-labelledby="columns-h">\n  <h2 id="columns-h">Columns</h2>\n'
    if environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'chart_note'):
        pass
        yield '<p class="ek-note">'
        yield escape(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'chart_note'))
        yield '</p>'
    yield '  <div class="ek-toolbar" data-ek-js-only hidden>\n    <label for="ek-filter">Filter columns</label>\n    <input id="ek-filter" type="search" placeholder="name or role, e.g. numeric" autocomplete="off" spellcheck="false">\n    <span class="ek-filter-count" role="status">'
    yield escape((undefined(name='ncols') if l_0_ncols is missing else l_0_ncols))
    yield ' of '
    yield escape((undefined(name='ncols') if l_0_ncols is missing else l_0_ncols))
    yield ' columns</span>\n    <span class="ek-toolbar-buttons"><button type="button" data-ek-expand>Expand all</button> <button type="button" data-ek-collapse>Collapse all</button></span>\n  </div>\n  <p class="ek-empty-filter" hidden>No column matches the filter.</p>\n  <div class="ek-cards-grid">\n'
    for l_1_col in environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'columns'):
        l_1_ready = resolve('ready')
        l_1_html = missing
        _loop_vars = {}
        pass
        l_1_html = (context.call((undefined(name='ready') if l_1_ready is missing else l_1_ready), l_1_col, environment.getitem((undefined(name='col_ids') if l_0_col_ids is missing else l_0_col_ids), environment.getattr(l_1_col, 'name')), _loop_vars=_loop_vars) if t_16((undefined(name='ready') if l_1_ready is missing else l_1_ready)) else None)
        _loop_vars['html'] = l_1_html
        if (not t_17((undefined(name='html') if l_1_html is missing else l_1_html))):
            pass
            yield escape((undefined(name='html') if l_1_html is missing else l_1_html))
        else:
            pass
            l_2_col_id = environment.getitem((undefined(name='col_ids') if l_0_col_ids is missing else l_0_col_ids), environment.getattr(l_1_col, 'name'))
            pass
            template = environment.get_template('column.html.j2', 'report.html.j2')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'col_id': l_2_col_id, 'col': l_1_col, 'html': l_1_html, 'col_alerts': l_0_col_alerts, 'col_ids': l_0_col_ids, 'end_sections': l_0_end_sections, 'main_sections': l_0_main_sections, 'ncols': l_0_ncols, 'o': l_0_o}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            l_2_col_id = missing
    l_1_col = l_1_ready = l_1_html = missing
    yield '  </div>\n</section>\n'
    for l_1_section in (undefined(name='end_sections') if l_0_end_sections is missing else l_0_end_sections):
        l_1_ready = resolve('ready')
        l_1_html = missing
        _loop_vars = {}
        pass
        l_1_html = (context.call((undefined(name='ready') if l_1_ready is missing else l_1_ready), l_1_section, _loop_vars=_loop_vars) if t_16((undefined(name='ready') if l_1_ready is missing else l_1_ready)) else None)
        _loop_vars['html'] = l_1_html
        if (not t_17((undefined(name='html') if l_1_html is missing else l_1_html))):
            pass
            yield escape((undefined(name='html') if l_1_html is missing else l_1_html))
        else:
            pass
            l_2_level = 2
            pass
            template = environment.get_template('section.html.j2', 'report.html.j2')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'level': l_2_level, 'html': l_1_html, 'section': l_1_section, 'col_alerts': l_0_col_alerts, 'col_ids': l_0_col_ids, 'end_sections': l_0_end_sections, 'main_sections': l_0_main_sections, 'ncols': l_0_ncols, 'o': l_0_o}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            l_2_level = missing
    l_1_section = l_1_ready = l_1_html = missing
    yield '</main>\n</div>\n<footer class="ek-footer">\n  <p>Made with edakit '
    yield escape(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'edakit_version'))
    yield '. Confidence level '
    yield escape(t_9(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'settings'), 'conf_level'), 0))
    yield '; sample-based methods use up to '
    yield escape(t_8(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'settings'), 'sample_size')))
    yield ' rows (seed '
    yield escape(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'settings'), 'seed'))
    yield ').\n'
    if environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'timings'):
        pass
        yield 'Time: '
        l_1_loop = missing
        for (l_1_stage, l_1_seconds), l_1_loop in LoopContext(context.call(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'timings'), 'items')), undefined):
            _loop_vars = {}
            pass
            yield escape(l_1_stage)
            yield ' '
            yield escape(t_4('%.2f', l_1_seconds))
            yield ' s'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_stage = l_1_seconds = missing
        yield '.'
    yield '</p>\n</footer>\n<script>'
    template = environment.get_template('report.js', 'report.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'col_alerts': l_0_col_alerts, 'col_ids': l_0_col_ids, 'end_sections': l_0_end_sections, 'main_sections': l_0_main_sections, 'ncols': l_0_ncols, 'o': l_0_o}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</script>\n</div>\n'
    if (not (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment)):
        pass
        yield '</body>\n</html>\n'

blocks = {}
debug_info = '7=117&14=120&15=122&16=124&23=129&25=131&27=134&28=137&29=140&30=143&31=147&32=154&36=166&37=168&38=170&39=188&49=198&50=204&51=208&53=214&55=216&56=220&60=234&61=238&69=244&70=246&72=250&73=252&74=254&75=260&76=262&77=269&79=278&80=293&81=297&87=301&89=304&90=308&91=311&101=328&106=333&107=338&108=341&109=345&110=369&111=373&112=381&113=383&114=391&115=399&116=401&117=404&126=420&129=423&136=435&138=438&139=442&147=461&148=466&149=468&154=484&158=490&163=494&164=499&165=501&169=517&170=522&171=524&176=540&177=548&179=565&181=572'