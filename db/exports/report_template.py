"""The printed report's HTML template (Jinja2), kept in a module so it ships with the code."""

TEMPLATE = r"""<!DOCTYPE html>
<html lang="{{ 'zh-CN' if lang == 'zh' else 'en' }}">
<head>
<meta charset="utf-8">
<title>{{ title }} — {{ t('report') }}{% if provisional %} — {{ t('provisional') }}{% endif %}</title>
<style>
@page {
  size: A4 portrait;
  margin: 18mm 12mm 16mm 12mm;
  @top-left { content: "{{ title | css }}"; font-size: 8pt; color: #555; }
  @top-right { content: "{{ status_short | css }}"; font-size: 8pt; font-weight: bold;
               color: {{ '#c00000' if provisional else '#375623' }}; }
  @bottom-left { content: "{{ t('chain_short', chain=chain_head[:16]) | css }}"; font-size: 7pt; color: #555; }
  @bottom-center { content: {{ page_word }}; font-size: 8pt; }
  @bottom-right { content: "{{ made_at | css }}"; font-size: 7pt; color: #555; }
}
@page wide { size: A4 landscape; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
       "PingFang SC", "SimHei", sans-serif; font-size: 9.5pt; color: #000; }
body { margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1.5pt solid #333; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; page-break-after: avoid; }
.banner { padding: 2.5mm 3mm; margin: 2mm 0 4mm; font-weight: bold; border: 1pt solid; }
.banner.provisional { background: #ffe699; color: #c00000; border-color: #c00000; }
.banner.locked { background: #e2efda; color: #375623; border-color: #375623; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.5pt solid #999; padding: 0.6mm 1.2mm; text-align: left; vertical-align: top; }
/* A long text without a break (a URL in a judge's reason, a run of letters) may break anywhere, so it wraps
   inside its cell instead of widening the table past the page. */
td { overflow-wrap: anywhere; }
th { background: #d9e1f2; font-weight: bold; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
td.hash { font-family: monospace; font-size: 6.5pt; word-break: break-all; }
td.long { font-size: 8.5pt; }
td.nw { white-space: nowrap; }
p.note { color: #c00000; font-style: italic; margin: 1mm 0; }
.wide { page: wide; }
@media screen { body { max-width: 297mm; margin: 8mm auto; } }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<div>{{ t('report') }}{% if date %} · {{ date }}{% endif %}</div>
<div class="banner {{ 'provisional' if provisional else 'locked' }}">{{ status_line }}</div>

{% macro grid(table, rows, trim=False) -%}
{% set keep = shown(table.columns, rows) if trim else range(table.columns | length) %}
<table>
<thead><tr>{% for i in keep %}<th>{{ table.columns[i].header }}</th>{% endfor %}</tr></thead>
<tbody>
{% for r in rows %}<tr>{% for i in keep %}<td class="{{ klass(table.columns[i], r[i]) }}">{{ plain(table.columns[i].fmt, r[i]) }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>
{%- endmacro %}

{% for table in blocks %}
<section id="{{ table.key }}">
<h2>{{ table.name }}</h2>
{% for b in table.blocks %}
<h3 data-award="{{ b.award_id }}">{{ b.title }}</h3>
{% if b.rows %}{{ grid(table, b.rows, trim=True) }}{% endif %}
{% for n in b.notes %}<p class="note">{{ n }}</p>{% endfor %}
{% endfor %}
</section>
{% endfor %}

{% for table in flat %}
<section class="{{ 'wide' if table.landscape else '' }}" id="{{ table.key }}">
<h2>{{ table.name }}</h2>
{% if table.key == 'audit' %}<p>{{ chain_ok }}</p>{% endif %}
{{ grid(table, table.rows) }}
</section>
{% endfor %}
</body>
</html>
"""
