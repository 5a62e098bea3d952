/**
 * The pages' only stylesheet, served from the Worker under a content-hashed URL (src/pages/assets.ts):
 * a system font stack, no web fonts, light and dark from the reader's setting, and a table that
 * scrolls inside its own box so a 360 px screen never scrolls sideways.
 */
export const stylesheet = `
:root{color-scheme:light dark;--fg:#1a1a1a;--muted:#555;--bg:#fff;--line:#d4d4d4;--soft:#f4f4f4;
--link:#0b57d0;--mark:#0072b2;--mark-2:#e69f00;--focus:#c2410c}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--muted:#b4b4b4;--bg:#141414;--line:#3a3a3a;
--soft:#222;--link:#8ab4f8;--mark:#56b4e9;--mark-2:#f0b542;--focus:#fdba74}}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);
margin:0 auto;max-width:64rem;padding:1rem}
a{color:var(--link)}a:focus-visible,summary:focus-visible,textarea:focus-visible,.table-box:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}h2{font-size:1.2rem;margin:2rem 0 .5rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
.muted,.breadcrumb{color:var(--muted)}.breadcrumb{font-size:.9rem;margin:0}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.3rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.5rem 0;padding:0;list-style:none}
.downloads{display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:0;list-style:none}
.catalogue{list-style:none;padding:0}.catalogue>li{border-top:1px solid var(--line);padding:.75rem 0}
.table-box{position:relative;overflow-x:auto;max-width:100%;border:1px solid var(--line);border-radius:4px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;padding:.4rem .5rem;color:var(--muted)}
th,td{padding:.35rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--soft);white-space:nowrap}th a{color:inherit}
td.num,th.num{text-align:right}
.pager{display:flex;gap:1rem;flex-wrap:wrap;margin:.75rem 0}
dl.columns dt{font-weight:600}dl.columns dd{margin:0 0 .5rem}
figure{margin:1rem 0}figcaption{color:var(--muted);font-size:.9rem}
svg.chart{width:100%;height:auto;max-width:48rem;display:block}
svg.chart text{fill:var(--fg);font:13px system-ui,sans-serif}svg.chart .axis line,svg.chart .axis path{stroke:var(--muted)}
svg.chart .axis .grid{stroke:var(--line)}svg.chart .mark{fill:var(--mark)}svg.chart .mark.alt{fill:var(--mark-2)}
svg.chart .stem{stroke:var(--line)}
textarea{width:100%;font:13px ui-monospace,monospace;color:var(--fg);background:var(--soft);border:1px solid var(--line)}
.changes ins{text-decoration:none;background:color-mix(in srgb,var(--mark) 20%,transparent)}
.changes del{background:color-mix(in srgb,var(--mark-2) 25%,transparent)}
.version{border-top:1px solid var(--line);padding-top:.5rem}
footer{margin-top:2rem;color:var(--muted);font-size:.9rem}
body.embed{padding:.5rem;max-width:none}.embed-title{font-size:1.15rem}body.embed footer{margin-top:.5rem}
`;
