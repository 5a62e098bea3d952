/**
 * The embed's one script, optional (the embed reads fine without it): it tells the page that frames
 * it how tall it is, so that page can size the iframe. Served as a file (src/pages/assets.ts), since
 * the pages' CSP allows no inline script.
 */
export const embedScript = `(function(){
if(window.parent===window)return;
var last=0;
function post(){var h=Math.ceil(document.documentElement.getBoundingClientRect().height);
if(h!==last){last=h;window.parent.postMessage({assay:"resize",height:h,src:location.href},"*");}}
window.addEventListener("load",post);window.addEventListener("resize",post);post();
})();
`;
