from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'compare.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_fragment = resolve('fragment')
    l_0_comparison = resolve('comparison')
    l_0_css = resolve('css')
    l_0_sections = resolve('sections')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_2 = environment.filters['num']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'num' found.")
    try:
        t_3 = environment.filters['pct']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'pct' found.")
    try:
        t_4 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_5 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    if (not (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment)):
        pass
        yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n<meta name="generator" content="edakit '
        yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'edakit_version'))
        yield '">\n<title>'
        yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'title'))
        yield '</title>\n<style>'
        yield escape(t_5((undefined(name='css') if l_0_css is missing else l_0_css)))
        yield '\nbody { margin: 0; background: #fff; }\n@media (prefers-color-scheme: dark) { body { background: #15191f; } }\n@media print { body { background: #fff; } }</style>\n</head>\n<body>\n'
    else:
        pass
        yield '<style>'
        yield escape(t_5((undefined(name='css') if l_0_css is missing else l_0_css)))
        yield '</style>\n'
    yield '<div class="edakit">\n<a class="ek-skip" href="#ek-main">Skip to main content</a>\n<header class="ek-header">\n  <h1>'
    yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'title'))
    yield '</h1>\n  <p class="ek-meta">'
    yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'name_a'))
    yield ': <strong>'
    yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'source_a'))
    yield '</strong> ('
    yield escape(t_2(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'rows_a')))
    yield ' rows) · '
    yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'name_b'))
    yield ': <strong>'
    yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'source_b'))
    yield '</strong> ('
    yield escape(t_2(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'rows_b')))
    yield ' rows) · created <time datetime="'
    yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'created'))
    yield '">'
    yield escape(t_4(context.eval_ctx, t_4(context.eval_ctx, environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'created'), 'T', ' '), '+00:00', ' UTC'))
    yield '</time> · edakit '
    yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'edakit_version'))
    yield '</p>\n</header>\n<div class="ek-layout">\n<nav class="ek-toc" aria-labelledby="ek-toc-h">\n  <details class="ek-toc-box" open>\n  <summary><h2 id="ek-toc-h">Contents</h2></summary>\n  <ol class="ek-toc-top">\n'
    for l_1_section in (undefined(name='sections') if l_0_sections is missing else l_0_sections):
        _loop_vars = {}
        pass
        yield '    <li><a href="#'
        yield escape(environment.getattr(l_1_section, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_section, 'title'))
        yield '</a>\n'
        if environment.getattr(l_1_section, 'subsections'):
            pass
            yield '      <ol class="ek-toc-cols">\n'
            for l_2_sub in environment.getattr(l_1_section, 'subsections'):
                _loop_vars = {}
                pass
                yield '<li><a href="#'
                yield escape(environment.getattr(l_2_sub, 'id'))
                yield '"><span class="ek-toc-name">'
                yield escape(environment.getattr(l_2_sub, 'title'))
                yield '</span></a></li>'
            l_2_sub = missing
            yield '      </ol>\n'
        yield '    </li>\n'
    l_1_section = missing
    yield '  </ol>\n  </details>\n</nav>\n<main class="ek-main" id="ek-main" tabindex="-1">\n'
    for l_1_section in (undefined(name='sections') if l_0_sections is missing else l_0_sections):
        _loop_vars = {}
        pass
        l_2_level = 2
        pass
        template = environment.get_template('section.html.j2', 'compare.html.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'level': l_2_level, 'section': l_1_section}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        l_2_level = missing
    l_1_section = missing
    yield '</main>\n</div>\n<footer class="ek-footer">\n  <p>Made with edakit '
    yield escape(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'edakit_version'))
    yield '. Confidence level '
    yield escape(t_3(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'conf_level'), 0))
    yield '; every statistic on all rows of both tables.\n'
    if environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'timings'):
        pass
        yield 'Time: '
        l_1_loop = missing
        for (l_1_stage, l_1_seconds), l_1_loop in LoopContext(context.call(environment.getattr(environment.getattr((undefined(name='comparison') if l_0_comparison is missing else l_0_comparison), 'timings'), 'items')), undefined):
            _loop_vars = {}
            pass
            yield escape(l_1_stage)
            yield ' '
            yield escape(t_1('%.2f', l_1_seconds))
            yield ' s'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_stage = l_1_seconds = missing
        yield '.'
    yield '</p>\n</footer>\n</div>\n'
    if (not (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment)):
        pass
        yield '</body>\n</html>\n'

blocks = {}
debug_info = '3=45&10=48&11=50&12=52&19=57&24=60&25=62&32=80&33=84&34=88&36=91&45=104&46=109&51=118&52=122&55=139'