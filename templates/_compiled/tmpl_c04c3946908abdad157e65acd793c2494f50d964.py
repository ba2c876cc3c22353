from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'chart.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_chart = resolve('chart')
    l_0_report = resolve('report')
    pass
    yield '<figure class="ek-chart ek-chart-'
    yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'kind'))
    yield '">\n  '
    yield escape(context.call(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'render')))
    yield '\n'
    if (not environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'note')):
        pass
        yield '  <figcaption>'
        if (context.call(environment.getattr(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'settings'), 'get'), 'explain') != 'brief'):
            pass
            yield '<span class="ek-chart-alt" aria-hidden="true">'
            yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'alt'))
            yield '</span> '
        yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'caption'))
        yield '</figcaption>\n'
    yield '</figure>'

blocks = {}
debug_info = '3=14&4=16&5=18&6=21'