from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'result_card.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_rows = resolve('rows')
    l_0_explanation = resolve('explanation')
    pass
    yield '<div class="edakit ek-card" style="font-family: system-ui, sans-serif; border: 1px solid #8884; border-radius: 6px; padding: .6em .9em; max-width: 60em;">\n  <strong>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</strong>\n  <table style="border-collapse: collapse; margin: .4em 0;">\n'
    for (l_1_label, l_1_value) in (undefined(name='rows') if l_0_rows is missing else l_0_rows):
        _loop_vars = {}
        pass
        yield '    <tr><th scope="row" style="text-align: left; padding-right: 1em; font-weight: 600;">'
        yield escape(l_1_label)
        yield '</th><td>'
        yield escape(l_1_value)
        yield '</td></tr>\n'
    l_1_label = l_1_value = missing
    yield '  </table>\n  <p style="margin: .3em 0;">'
    yield escape((undefined(name='explanation') if l_0_explanation is missing else l_0_explanation))
    yield '</p>\n</div>'

blocks = {}
debug_info = '3=15&5=17&6=21&9=27'