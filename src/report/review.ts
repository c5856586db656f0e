/**
 * Corrections in the HTML report: a reviewer marks highlighted items right or wrong, moves an item's boundary to
 * a text selection, adds a missed item from a selection, and exports (a) a gold file `meeting-analyze eval` reads
 * and (b) lexicon additions `--lexicon` reads. Everything runs in the page (no network; state in localStorage).
 *
 * The export logic (REVIEW_CORE) is plain JavaScript with no DOM, so the tests run the very same code in Node.
 */
import * as path from 'path';
import type { AnalysisResult, Span } from '../types';
import type { ShownText } from './view';

/** What the page needs to build a gold file: the result's gold fields, each with the id of its highlight. */
export interface ReviewData {
  /** The gold `file`: the input path as given, or its base name when it was absolute. */
  file: string;
  /** The gold file's name (`<input base name>.json`). */
  goldName: string;
  title: string | null;
  meeting: { date: string | null; name: string | null; organization: string | null; aliases: string[]; ids: { name: string; org: string; date: string } } | null;
  officials: Array<{ id: string; name: string; titles: string[]; roles: string[]; at: number }>;
  frameworks: Array<{ id: string; formula: string; components: Array<{ id: string; count: number | string; label: string; items: Array<{ id: string; text: string }> }> }>;
  enumerations: Array<{ id: string; count: number; label: string; items: Array<{ id: string; text: string }> }>;
  industries: Array<{ id: string; name: string }>;
}

/** The review data of one result; `p` is the document's id prefix (`d1`), `shown` the text the page shows. */
export function reviewData(result: AnalysisResult, p: string, shown: ShownText): ReviewData {
  const input = result.input.path;
  const file = path.isAbsolute(input) ? path.basename(input) : path.normalize(input).split(path.sep).join('/');
  const at = (span: Span) => shown.locate(span)?.[0] ?? -1;
  const m = result.meeting;
  return {
    file,
    goldName: `${path.basename(input).replace(/\.[^.]*$/, '') || 'article'}.json`,
    title: result.title?.text ?? null,
    meeting: m ? { date: m.date, name: m.name, organization: m.organization, aliases: m.aliases, ids: { name: `${p}-meeting-name`, org: `${p}-meeting-org`, date: `${p}-meeting-date` } } : null,
    officials: result.officials.map((o, i) => ({ id: `${p}-official-${i}`, name: o.name, titles: o.titles, roles: o.roles, at: at(o.span) })),
    frameworks: result.frameworks.map((f, i) => ({
      id: `${p}-formula-${i}`,
      formula: f.formula,
      components: f.components.map((c, j) => ({ id: `${p}-component-${i}-${j}`, count: c.count, label: c.label, items: c.items.map((item, k) => ({ id: `${p}-citem-${i}-${j}-${k}`, text: item.text })) })),
    })),
    enumerations: result.enumerations.map((e, i) => ({ id: `${p}-enum-${i}`, count: e.count, label: e.label, items: e.items.map((item, k) => ({ id: `${p}-eitem-${i}-${k}`, text: item.text })) })),
    industries: result.industries.map((ind, i) => ({ id: `${p}-industry-${i}`, name: ind.name })),
  };
}

/** The data as a JSON script block (not executed; `<` escaped so no text can close the element). */
export function reviewDataBlock(p: string, data: ReviewData): string {
  return `<script type="application/json" id="${p}-review">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}

/** Kinds a selection can be added as; each says where it goes in the gold and in the lexicon. */
export const ADD_KINDS: Array<[kind: string, label: string]> = [
  ['official', 'official (name)'],
  ['title', 'title of the next official'],
  ['role', 'role of the official before'],
  ['enumeration', 'counted set (label)'],
  ['item', 'item of the selected set'],
  ['industry', 'industry'],
];

/** The review toolbar of one document. */
export function reviewPanel(p: string): string {
  const kinds = ADD_KINDS.map(([kind, label]) => `<option value="${kind}">${label}</option>`).join('');
  return `<div class="review" id="${p}-rv" data-doc="${p}" role="group" aria-label="Review">
<p class="rv-sel" aria-live="polite">Review: click a highlight, then mark it; select text to fix its boundary or add a missed item.</p>
<div class="rv-bar"><button type="button" data-act="right">✓ Right</button><button type="button" data-act="wrong">✗ Wrong</button><button type="button" data-act="fix">Fix boundary to selection</button></div>
<div class="rv-bar"><label>Add selection as <select data-role="kind">${kinds}</select></label><button type="button" data-act="add">Add</button></div>
<div class="rv-bar"><button type="button" data-act="export">Export gold and lexicon</button><button type="button" data-act="clear">Clear corrections</button></div>
<ul class="rv-list"></ul>
<div class="rv-out"></div>
</div>`;
}

export const REVIEW_CSS = `
.review{border:1px solid var(--line);border-radius:8px;padding:.4rem .6rem;margin:.25rem 0 .75rem;font-size:.85rem;background:#f7f9ff}
.review p{margin:0 0 .3rem}.rv-bar{display:flex;flex-wrap:wrap;gap:.3rem;margin:.2rem 0;align-items:center}
.review button,.review select{font:inherit;padding:.15rem .5rem;border:1px solid #99a;border-radius:4px;background:#fff;cursor:pointer;min-height:2rem}
.review button:focus-visible,.review select:focus-visible{outline:2px solid #3367d6}
.rv-list{margin:.2rem 0;padding-left:1.2rem}.rv-list li{overflow-wrap:anywhere}
.rv-out a{display:inline-block;margin:.15rem .6rem .15rem 0}.rv-out textarea{width:100%;min-height:6rem;font:12px/1.4 monospace}
mark.hl.rv-selected{outline:2px solid #3367d6;outline-offset:1px}
mark.hl.rv-right{box-shadow:inset 0 -3px #2e7d32}
mark.hl.rv-wrong{text-decoration:line-through 2px #c62828;opacity:.7}
mark.hl.rv-fixed{outline:2px dashed #ef6c00;outline-offset:1px}
::highlight(rv-added){background-color:#c8f0c8;text-decoration:underline 2px #2e7d32}
::highlight(rv-fix){text-decoration:underline 3px #ef6c00}
`;

/**
 * The export, as browser JavaScript without DOM access: `reviewExports(data, state)` returns
 * `{gold, lexicon: {file: [entries]}}`. `state` is `{verdicts: {id: 'right' | 'wrong'}, fixes: {id: text},
 * added: [{kind, text, at, parent}]}`.
 */
export const REVIEW_CORE = `
function reviewExports(data, state){
  var verdicts=state.verdicts||{},fixes=state.fixes||{},added=state.added||[];
  var keep=function(x){return verdicts[x.id]!=='wrong';};
  var text=function(x,value){return Object.prototype.hasOwnProperty.call(fixes,x.id)?fixes[x.id]:value;};
  var lexicon={'names.txt':[],'titles.txt':[],'measure-words.txt':[],'industries.txt':[],'not-names.txt':[]};
  var put=function(file,entry){if(entry&&lexicon[file].indexOf(entry)<0)lexicon[file].push(entry);};
  var COUNT=/^[\\u201c"]?([0-9]+|[\\u4e00\\u4e8c\\u4e09\\u56db\\u4e94\\u516d\\u4e03\\u516b\\u4e5d\\u5341\\u767e\\u4e24\\u96f6\\u3007]+)/;
  var DIGITS={'\\u96f6':0,'\\u3007':0,'\\u4e00':1,'\\u4e8c':2,'\\u4e24':2,'\\u4e09':3,'\\u56db':4,'\\u4e94':5,'\\u516d':6,'\\u4e03':7,'\\u516b':8,'\\u4e5d':9};
  function count(written){
    if(/^[0-9]+$/.test(written))return Number(written);
    var total=0,digit=0;
    for(var i=0;i<written.length;i++){var ch=written[i];
      if(ch==='\\u5341'){total+=(digit||1)*10;digit=0;}else if(ch==='\\u767e'){total+=(digit||1)*100;digit=0;}else digit=DIGITS[ch]||0;}
    return total+digit;
  }
  var items=function(list,parent){return list.filter(keep).map(function(i){return text(i,i.text);}).concat(added.filter(function(a){return a.kind==='item'&&a.parent===parent;}).map(function(a){return a.text;}));};
  var officials=data.officials.filter(keep).map(function(o){
    var name=text(o,o.name);if(name!==o.name)put('names.txt',name);
    return {name:name,titles:o.titles.slice(),roles:o.roles.slice(),at:o.at};
  });
  data.officials.forEach(function(o){if(!keep(o))put('not-names.txt',o.name);});
  added.forEach(function(a){if(a.kind==='official'){officials.push({name:a.text,titles:[],roles:[],at:a.at});put('names.txt',a.text);}});
  added.forEach(function(a){
    if(a.kind!=='title')return;
    put('titles.txt',a.text);
    // A title belongs to the official written right after it, else to the nearest one before it.
    var after=officials.filter(function(o){return o.at>=a.at;}).sort(function(x,y){return x.at-y.at;})[0];
    var before=officials.filter(function(o){return o.at<a.at;}).sort(function(x,y){return y.at-x.at;})[0];
    var owner=after&&after.at-(a.at+a.text.length)<=12?after:(before||after);
    if(owner&&owner.titles.indexOf(a.text)<0)owner.titles.push(a.text);
  });
  added.forEach(function(a){
    if(a.kind!=='role')return;
    // A role verb follows the name it belongs to (张伟出席).
    var owner=officials.filter(function(o){return o.at>=0&&o.at<a.at;}).sort(function(x,y){return y.at-x.at;})[0];
    if(owner&&owner.roles.indexOf(a.text)<0)owner.roles.push(a.text);
  });
  var frameworks=data.frameworks.filter(keep).map(function(f){
    return {formula:text(f,f.formula),components:f.components.filter(keep).map(function(c){return {count:c.count,label:text(c,c.label),items:items(c.items,c.id)};})};
  });
  var enumerations=data.enumerations.filter(keep).map(function(e){return {count:e.count,label:text(e,e.label),items:items(e.items,e.id)};});
  added.forEach(function(a,index){
    if(a.kind!=='enumeration')return;
    var m=COUNT.exec(a.text);
    enumerations.push({count:m?count(m[1]):0,label:a.text,items:added.filter(function(b){return b.kind==='item'&&b.parent==='added-'+index;}).map(function(b){return b.text;})});
    if(m)put('measure-words.txt',a.text.slice(m[0].length,m[0].length+1));
  });
  var industries=data.industries.filter(keep).map(function(i){var name=text(i,i.name);if(name!==i.name)put('industries.txt',name);return name;});
  added.forEach(function(a){if(a.kind==='industry'){industries.push(a.text);put('industries.txt',a.text);}});
  var meeting=null;
  if(data.meeting&&verdicts[data.meeting.ids.name]!=='wrong'){
    var ids=data.meeting.ids;
    meeting={date:verdicts[ids.date]==='wrong'?null:data.meeting.date,name:text({id:ids.name},data.meeting.name),
      organization:verdicts[ids.org]==='wrong'?null:text({id:ids.org},data.meeting.organization),aliases:data.meeting.aliases.slice()};
  }
  var gold={file:data.file,title:data.title,meeting:meeting,
    officials:officials.map(function(o){return {name:o.name,titles:o.titles,roles:o.roles};}),
    frameworks:frameworks,enumerations:enumerations,industries:industries};
  return {gold:gold,lexicon:lexicon};
}
`;

/** The page side: selecting, marking, fixing, adding, saving to localStorage, exporting. */
export const REVIEW_SCRIPT = `${REVIEW_CORE}
(function(){
  var panels=document.querySelectorAll('.review');
  // Added items and fixed boundaries are drawn with the CSS Custom Highlight API: no change to the article's DOM.
  var drawn={};
  function draw(){
    if(!window.CSS||!CSS.highlights||typeof Highlight==='undefined')return;
    var added=[],fixed=[];
    Object.keys(drawn).forEach(function(p){added=added.concat(drawn[p].added);fixed=fixed.concat(drawn[p].fixed);});
    CSS.highlights.set('rv-added',new Highlight(...added));
    CSS.highlights.set('rv-fix',new Highlight(...fixed));
  }
  panels.forEach(function(panel){
    var p=panel.getAttribute('data-doc');
    var data=JSON.parse(document.getElementById(p+'-review').textContent);
    var article=document.querySelector('#'+p+' .article');
    var key='meeting-analyze-review:'+data.file+':'+article.textContent.length;
    var known={};
    data.officials.concat(data.industries,data.enumerations,data.frameworks).forEach(function(x){known[x.id]=true;});
    data.enumerations.concat(data.frameworks.reduce(function(all,f){return all.concat(f.components);},[])).forEach(function(s){known[s.id]=true;s.items.forEach(function(i){known[i.id]=true;});});
    if(data.meeting)['name','org','date'].forEach(function(k){known[data.meeting.ids[k]]=true;});
    var state;
    try{state=JSON.parse(localStorage.getItem(key)||'null');}catch(err){state=null;}
    if(!state||typeof state!=='object')state={verdicts:{},fixes:{},added:[]};
    var selected=null,range=null;
    var say=function(msg){panel.querySelector('.rv-sel').textContent=msg;};
    function save(){try{localStorage.setItem(key,JSON.stringify(state));}catch(err){say('Corrections could not be saved in this browser: '+err.message);}}
    function pieces(id){return document.querySelectorAll('[data-mark="'+id+'"]');}
    function labelOf(id){var el=document.getElementById(id);return el?(el.getAttribute('data-tip')||'').split(' \\u00b7 ')[0]:id;}
    // A DOM range over shown-text offsets [start, end) of the article.
    function rangeAt(start,end){
      var walker=document.createTreeWalker(article,NodeFilter.SHOW_TEXT),count=0,n,range=document.createRange(),begun=false;
      while((n=walker.nextNode())){
        var length=n.data.length;
        if(!begun&&start<count+length){range.setStart(n,start-count);begun=true;}
        if(begun&&end<=count+length){range.setEnd(n,end-count);return range;}
        count+=length;
      }
      return null;
    }
    function paint(){
      article.querySelectorAll('mark.hl').forEach(function(el){
        var id=el.getAttribute('data-mark');
        el.classList.toggle('rv-right',state.verdicts[id]==='right');
        el.classList.toggle('rv-wrong',state.verdicts[id]==='wrong');
        el.classList.toggle('rv-fixed',Object.prototype.hasOwnProperty.call(state.fixes,id));
        el.classList.toggle('rv-selected',id===selected);
      });
      var list=panel.querySelector('.rv-list');
      list.textContent='';
      var line=function(t){var li=document.createElement('li');li.textContent=t;list.appendChild(li);};
      Object.keys(state.verdicts).forEach(function(id){line((state.verdicts[id]==='right'?'\\u2713 ':'\\u2717 ')+labelOf(id));});
      Object.keys(state.fixes).forEach(function(id){line('\\u2194 '+labelOf(id)+' \\u2192 '+state.fixes[id]);});
      state.added.forEach(function(a){line('+ '+a.kind+': '+a.text);});
      var ranges=function(list){return list.map(function(x){return rangeAt(x.at,x.at+x.text.length);}).filter(Boolean);};
      drawn[p]={added:ranges(state.added),fixed:ranges(Object.keys(state.fixedAt||{}).map(function(id){return {at:state.fixedAt[id],text:state.fixes[id]||''};}))};
      draw();
    }
    // Offsets of a DOM position in the article's text (the text the report shows; inline labels are CSS, not text).
    function offset(node,at){
      var walker=document.createTreeWalker(article,NodeFilter.SHOW_TEXT),count=0,n;
      while((n=walker.nextNode())){if(n===node)return count+at;count+=n.data.length;}
      if(node===article||article.contains(node)){var r=document.createRange();r.setStart(article,0);r.setEnd(node,at);return r.toString().length;}
      return -1;
    }
    document.addEventListener('selectionchange',function(){
      var sel=document.getSelection();
      if(!sel||sel.isCollapsed||!sel.rangeCount)return;
      var r=sel.getRangeAt(0);
      if(!article.contains(r.commonAncestorContainer))return;
      var start=offset(r.startContainer,r.startOffset),end=offset(r.endContainer,r.endOffset);
      var written=article.textContent.slice(start,end).trim();
      if(start>=0&&end>start&&written)range={start:start,end:end,text:written};
    });
    article.addEventListener('click',function(ev){
      var mark=ev.target.closest&&ev.target.closest('mark.hl');
      if(!mark)return;
      var id=mark.getAttribute('data-mark');
      // A mention by name alone stands for its official.
      if(!known[id]){var link=(mark.getAttribute('data-links')||'').split(' ').filter(function(l){return known[l];})[0];if(link)id=link;}
      if(!known[id]){say('Not part of a gold file: '+labelOf(id));return;}
      selected=id;say('Selected: '+labelOf(id));paint();
    });
    panel.addEventListener('click',function(ev){
      var button=ev.target.closest&&ev.target.closest('button[data-act]');
      if(!button)return;
      var act=button.getAttribute('data-act');
      if(act==='right'||act==='wrong'){
        if(!selected){say('Click a highlight first.');return;}
        state.verdicts[selected]=act;
      }else if(act==='fix'){
        if(!selected||!range){say('Click a highlight, then select its right extent in the text.');return;}
        state.fixes[selected]=range.text;delete state.verdicts[selected];
        state.fixedAt=state.fixedAt||{};state.fixedAt[selected]=range.start;
      }else if(act==='add'){
        if(!range){say('Select the missed text in the article first.');return;}
        var kind=panel.querySelector('select[data-role="kind"]').value;
        var entry={kind:kind,text:range.text,at:range.start};
        if(kind==='item'){
          var lastSet=null;
          state.added.forEach(function(a,i){if(a.kind==='enumeration')lastSet='added-'+i;});
          entry.parent=selected&&/-(enum|component)-/.test(selected)?selected:lastSet;
          if(!entry.parent){say('Click the set the item belongs to (or add the set) first.');return;}
        }
        state.added.push(entry);
      }else if(act==='clear'){
        state={verdicts:{},fixes:{},added:[]};panel.querySelector('.rv-out').textContent='';
      }else if(act==='export'){
        exportAll();return;
      }
      save();paint();
    });
    function download(name,body,type){
      var a=document.createElement('a');
      a.href=URL.createObjectURL(new Blob([body],{type:type}));
      a.download=name;a.textContent=name;a.setAttribute('data-file',name);
      return a;
    }
    function exportAll(){
      var out=reviewExports(data,state);
      var box=panel.querySelector('.rv-out');
      box.textContent='';
      var gold=JSON.stringify(out.gold,null,2)+'\\n';
      box.appendChild(download(data.goldName,gold,'application/json'));
      Object.keys(out.lexicon).forEach(function(file){
        if(out.lexicon[file].length)box.appendChild(download(file,out.lexicon[file].join('\\n')+'\\n','text/plain'));
      });
      var area=document.createElement('textarea');
      area.readOnly=true;area.setAttribute('aria-label','Exported gold');area.value=gold;
      box.appendChild(area);
      say('Exported: save the gold file into your gold directory and the .txt files into a lexicon directory.');
    }
    paint();
  });
})();
`;
