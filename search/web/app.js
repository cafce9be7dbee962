// whosaid serve: the page. Plain JavaScript over the JSON API (/api/search, /api/verify,
// /api/cite). The state lives in the URL (?q=ICC&org=HRW...), so a search or a verdict can be
// shared and the back button works. Text from the index is never parsed as HTML: snippets are
// split on their <b> marks and every piece becomes a text node.
'use strict';

const PAGE_SIZE = 20;
// The page's URL parameters: the form fields, the facets picked, the page, the verify panel.
const STATE_KEYS = ['q', 'speaker', 'org', 'outlet', 'from', 'to', 'sort', 'speaker_exact', 'org_exact', 'offset',
                    'claim', 'claim_speaker'];
const $ = (id) => document.getElementById(id);

// ---- state <-> URL <-> form ----

function readForm() {
  const s = {};
  for (const [key, id] of [['q', 'q'], ['speaker', 'f-speaker'], ['org', 'f-org'], ['outlet', 'f-outlet'],
                           ['from', 'f-from'], ['to', 'f-to'], ['claim', 'claim'], ['claim_speaker', 'claim-speaker']])
    s[key] = $(id).value.trim();
  s.sort = $('f-sort').value === 'relevance' ? '' : $('f-sort').value;
  return s;
}

function fillForm(s) {
  for (const [key, id] of [['q', 'q'], ['speaker', 'f-speaker'], ['org', 'f-org'], ['outlet', 'f-outlet'],
                           ['from', 'f-from'], ['to', 'f-to'], ['claim', 'claim'], ['claim_speaker', 'claim-speaker']])
    $(id).value = s[key] || '';
  $('f-sort').value = s.sort || 'relevance';
}

function stateFromUrl() {
  const p = new URLSearchParams(location.search);
  const s = {};
  for (const k of STATE_KEYS) s[k] = p.get(k) || '';
  return s;
}

function urlOf(s) {
  const p = new URLSearchParams();
  for (const k of STATE_KEYS) if (s[k]) p.set(k, s[k]);
  const qs = p.toString();
  return qs ? '?' + qs : location.pathname;
}

let state = {};

function go(next, push = true) {
  state = next;
  if (push) history.pushState(null, '', urlOf(state));
  render();
}

// ---- the query: the typed words plus one field per filter, in the CLI's syntax ----

// Words of a filter box, each under the field's prefix: speaker:liz speaker:evenson.
function fieldWords(field, value) {
  return value.replace(/["()]/g, ' ').split(/\s+/).filter(Boolean).map((w) => `${field}:${w}`);
}

// A whole value for an exact field (a facet): org_exact:"Human Rights Watch".
function exactField(field, value) {
  const v = value.replace(/"/g, '');
  return v ? [`${field}:"${v}"`] : [];
}

function dateRange(from, to) {
  if (!from && !to) return [];
  return [`date:${from}..${to}`];
}

function buildQuery(s) {
  const parts = [];
  if (s.q) parts.push(/\s(OR|NOT)\s/.test(s.q) ? `(${s.q})` : s.q);
  parts.push(...fieldWords('speaker', s.speaker), ...fieldWords('org', s.org), ...fieldWords('outlet', s.outlet),
             ...dateRange(s.from, s.to), ...exactField('speaker_exact', s.speaker_exact),
             ...exactField('org_exact', s.org_exact));
  return parts.join(' ');
}

function hasSearch(s) {
  return Boolean(s.q || s.speaker || s.org || s.outlet || s.from || s.to || s.speaker_exact || s.org_exact);
}

// ---- talking to the API ----

async function api(path, params) {
  const res = await fetch(path + '?' + new URLSearchParams(params).toString(), {headers: {Accept: 'application/json'}});
  let body;
  try {
    body = await res.json();
  } catch (e) {
    throw new Error(`the server answered ${res.status} without JSON`);
  }
  if (!res.ok) throw new Error(body.error || `the server answered ${res.status}`);
  return body;
}

// ---- building elements (never from HTML strings) ----

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== '') e.append(c);
  return e;
}

const ENTITIES = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"};
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

// The API's snippet is HTML-escaped text with matches in <b>...</b>: text nodes and <b> elements.
function snippetNodes(snippet) {
  const out = [];
  let bold = false;
  for (const piece of snippet.split(/(<\/?b>)/)) {
    if (piece === '<b>') bold = true;
    else if (piece === '</b>') bold = false;
    else if (piece) out.push(bold ? el('b', {text: decodeEntities(piece)}) : document.createTextNode(decodeEntities(piece)));
  }
  return out;
}

function who(hit) {
  const role = hit.role ? (hit.former && !/^former\b/i.test(hit.role) ? 'former ' : '') + hit.role : '';
  return el('p', {class: 'who'},
            el('span', {class: 'speaker', text: hit.speaker || 'Speaker unknown'}),
            role ? ', ' + role : '', hit.affiliation ? ', ' + hit.affiliation : '');
}

function where(hit) {
  const a = hit.article || {};
  const bits = [a.outlet, a.date].filter(Boolean).join(' · ');
  const title = a.title || a.id;
  const link = a.url && /^https?:\/\//i.test(a.url) ? el('a', {href: a.url, rel: 'noopener noreferrer', text: title}) : title;
  return el('p', {class: 'where'}, bits ? bits + ' · ' : '', link,
            hit.duplicates ? ` · ${hit.duplicates} other ${hit.duplicates === 1 ? 'copy' : 'copies'}` : '');
}

// ---- search ----

let searchSerial = 0;

async function runSearch() {
  const serial = ++searchSerial;
  const results = $('results'), facets = $('facets'), status = $('status'), pager = $('pager');
  renderChips();
  if (!hasSearch(state)) {
    results.replaceChildren(); facets.replaceChildren(); pager.replaceChildren();
    status.textContent = ''; status.className = '';
    return;
  }
  status.className = '';
  status.textContent = 'Searching…';
  const offset = Number(state.offset) || 0;
  const params = {q: buildQuery(state), limit: PAGE_SIZE, offset, facets: 1};
  if (state.sort) params.sort = state.sort;
  let r;
  try {
    r = await api('/api/search', params);
  } catch (e) {
    if (serial !== searchSerial) return;
    results.replaceChildren(); facets.replaceChildren(); pager.replaceChildren();
    status.className = 'error';
    status.textContent = e.message;
    return;
  }
  if (serial !== searchSerial) return;  // a newer search was started meanwhile
  const n = r.total;
  let text = n === 0 ? 'No quotations found.' :
    `${r.total_exact ? '' : 'About '}${n} ${n === 1 ? 'quotation' : 'quotations'}` +
    (n > PAGE_SIZE ? `, ${offset + 1}–${offset + r.hits.length} shown` : '');
  if (r.corrected) text += ` Showing results for “${r.suggestion}”.`;
  else if (r.suggestion) text += ` Did you mean “${r.suggestion}”?`;
  status.textContent = text;
  results.replaceChildren(...r.hits.map(hitItem));
  renderFacets(r.facets || {}, r.exact !== false);
  renderPager(offset, r.hits.length, n);
}

function hitItem(hit) {
  return el('li', {class: 'hit', 'data-quote-id': hit.quote_id},
            el('blockquote', {}, ...snippetNodes(hit.snippet || hit.text)),
            who(hit), where(hit),
            el('div', {class: 'hit-actions'},
               el('button', {type: 'button', class: 'quiet cite-button', onclick: () => openCite(hit.quote_id),
                             'aria-label': `Cite the quotation of ${hit.speaker || 'an unknown speaker'}`}, 'Cite'),
               el('button', {type: 'button', class: 'quiet', onclick: () => verifyThis(hit)}, 'Verify against it'),
               el('span', {class: 'id', text: hit.quote_id})));
}

// Counts are estimates ("≈") when the search did not see every match (docs/json-output.md: exact).
function renderFacets(f, exact) {
  const group = (title, field, list) => {
    if (!list || list.length === 0) return [];
    return [el('h3', {text: title}),
            el('ul', {}, ...list.map((v) => el('li', {},
              el('button', {type: 'button', class: 'facet', 'data-field': field, 'data-value': v.value,
                            'aria-pressed': String(state[field] === v.value),
                            onclick: () => toggleFacet(field, v.value)},
                 el('span', {text: v.value}),
                 el('span', {class: 'count', 'data-count': String(v.count), title: exact ? '' : 'an estimate',
                             text: (exact ? '' : '≈') + String(v.count)})))))];
  };
  const lists = [...group('Speakers', 'speaker_exact', f.speakers), ...group('Organisations', 'org_exact', f.orgs)];
  if (lists.length && !exact)
    lists.push(el('p', {class: 'hint estimate', text: 'Counts are estimates: the search did not look at every match.'}));
  $('facets').replaceChildren(...lists);
}

function toggleFacet(field, value) {
  go({...state, [field]: state[field] === value ? '' : value, offset: ''});
}

// The facets picked, each a button that removes it.
function renderChips() {
  const chips = [];
  for (const [field, label] of [['speaker_exact', 'Speaker'], ['org_exact', 'Organisation']]) {
    if (!state[field]) continue;
    chips.push(el('button', {type: 'button', 'aria-label': `Remove ${label.toLowerCase()} ${state[field]}`,
                             onclick: () => go({...state, [field]: '', offset: ''})},
                  `${label}: ${state[field]} ✕`));
  }
  $('chips').replaceChildren(...chips);
}

function renderPager(offset, shown, total) {
  const buttons = [];
  if (offset > 0)
    buttons.push(el('button', {type: 'button', class: 'quiet',
                               onclick: () => go({...state, offset: String(Math.max(0, offset - PAGE_SIZE))})}, '← Previous'));
  if (offset + shown < total)
    buttons.push(el('button', {type: 'button', class: 'quiet', onclick: () => go({...state, offset: String(offset + PAGE_SIZE)})},
                    'Next →'));
  $('pager').replaceChildren(...buttons);
}

// ---- verify ----

let verifySerial = 0;

async function runVerify() {
  const serial = ++verifySerial;
  const out = $('verdict');
  if (!state.claim) {
    out.replaceChildren();
    return;
  }
  out.replaceChildren(el('p', {class: 'hint', text: 'Checking…'}));
  const params = {claim: state.claim};
  if (state.claim_speaker) params.speaker = state.claim_speaker;
  let v;
  try {
    v = await api('/api/verify', params);
  } catch (e) {
    if (serial === verifySerial) out.replaceChildren(el('p', {class: 'error', text: e.message}));
    return;
  }
  if (serial !== verifySerial) return;
  out.replaceChildren(verdictCard(v));
}

const VERDICT_TEXT = {
  exact: 'Exact: these words were said',
  altered: 'Altered: the claim changes what was said',
  misattributed: 'Misattributed: said by someone else',
  altered_and_misattributed: 'Altered and misattributed',
  not_found: 'Not found: no quotation in the index is close to the claim',
};

// Who the claim names, and whether the index agrees (the verdict's attribution: same, different,
// unknown when the index does not know who said the words, not_checked when no one is named).
function attributionLine(v) {
  const said = v.match && v.match.speaker;
  if (!v.speaker) {
    return el('p', {class: 'claimed attribution-not_checked'}, 'Claimed speaker: none named',
              v.match ? (said ? ` · the index gives the words to ${said}` : ' · the index does not know who said them') : '');
  }
  const outcome = {
    same: ['same', `the index gives the words to ${said || v.speaker} too`],
    different: ['different', `the index gives the words to ${said || 'someone else'}, not to ${v.speaker}`],
    unknown: ['unknown', 'the index does not know who said them: not confirmed'],
  }[v.attribution];
  if (!outcome) return el('p', {class: 'claimed'}, 'Claimed speaker: ', el('span', {class: 'speaker', text: v.speaker}));
  return el('p', {class: `claimed attribution-${v.attribution}`}, 'Claimed speaker: ',
            el('span', {class: 'speaker', text: v.speaker}), ' · ',
            el('span', {class: `attribution ${v.attribution}`, text: outcome[0]}), ` · ${outcome[1]}`);
}

function verdictCard(v) {
  // Exact words whose speaker nobody knows are not a confirmed quotation: no green badge.
  const speakerless = v.verdict === 'exact' && v.match && (v.attribution === 'unknown' || !v.match.speaker);
  const badge = el('span', {class: `badge ${v.verdict}${speakerless ? ' unconfirmed' : ''}`,
                            text: v.verdict.replace(/_/g, ' ') + (speakerless ? ' · speaker unknown' : '')});
  const card = el('div', {class: 'verdict-card', id: 'verdict-card', 'data-verdict': v.verdict,
                          'data-attribution': v.attribution || ''},
                  el('p', {}, badge, ' ',
                     speakerless ? 'Exact words, but the index does not know who said them' : (VERDICT_TEXT[v.verdict] || ''),
                     v.match ? ` (similarity ${Number(v.similarity).toFixed(2)})` : ''));
  card.append(el('p', {class: 'claim'}, 'Claim: ', el('q', {text: v.claim || ''})));
  card.append(attributionLine(v));
  if (v.fragment) card.append(el('p', {class: 'hint', text: 'The claim is part of a longer quotation.'}));
  if (!v.match) return card;
  const m = v.match;
  card.append(who(m), where(m));
  card.append(el('p', {class: 'diff', 'aria-label': 'What was said, with the claim’s changes marked'}, ...diffNodes(v.diff)));
  if (v.differences && v.differences.length)
    card.append(el('ul', {class: 'differences'}, ...v.differences.map(differenceItem)));
  if (v.earliest && v.earliest.quote_id !== m.quote_id)
    card.append(el('p', {}, 'Earliest: ', el('span', {class: 'speaker', text: v.earliest.speaker || 'unknown'}), ' · ',
                   [v.earliest.article.outlet, v.earliest.article.date, v.earliest.article.title].filter(Boolean).join(' · ')));
  if (v.other_speakers && v.other_speakers.length)
    card.append(el('p', {}, 'Also attributed to: ' +
                   v.other_speakers.map((o) => `${o.speaker} (${o.quotations})`).join(', ')));
  card.append(el('div', {class: 'hit-actions'},
                 el('button', {type: 'button', class: 'quiet', onclick: () => openCite(m.quote_id)}, 'Cite the source'),
                 el('span', {class: 'id', text: m.quote_id})));
  return card;
}

// The API's inline diff: the source's words, [-words the claim drops-]{+words it puts instead+},
// "[... N words]" for what the claim leaves out at either end, "[splice: ID]" where the claim's
// words go on from another quotation.
function diffNodes(diff) {
  const out = [];
  const re = /\[-([\s\S]*?)-\]|\{\+([\s\S]*?)\+\}|\[\.\.\. (\d+) words?\]|\[splice: ([^\]\s]*)\]/g;
  let last = 0, m;
  while ((m = re.exec(diff || '')) !== null) {
    if (m.index > last) out.push(document.createTextNode(diff.slice(last, m.index)));
    if (m[1] !== undefined) out.push(el('del', {text: m[1]}));
    else if (m[2] !== undefined) {
      if (m.index === last && out.length && out[out.length - 1].tagName === 'DEL') out.push(document.createTextNode(' '));
      out.push(el('ins', {text: m[2]}));
    } else if (m[3] !== undefined) {
      out.push(el('span', {class: 'cut', text: `[… ${m[3]} ${m[3] === '1' ? 'word' : 'words'}]`}));
    } else {
      out.push(el('span', {class: 'splice', title: `The claim's words go on from another quotation: ${m[4]}`,
                           text: `⟂ spliced: from here on, quotation ${m[4]}`}));
    }
    last = re.lastIndex;
  }
  if (last < (diff || '').length) out.push(document.createTextNode(diff.slice(last)));
  return out;
}

function differenceItem(d) {
  return el('li', {class: `difference ${d.kind}`}, el('span', {class: 'kind', text: d.kind}), ': ', d.note || '');
}

function verifyThis(hit) {
  $('claim').value = hit.text;
  $('claim-speaker').value = hit.speaker || '';
  $('claim').focus();
  $('verify-panel').scrollIntoView({behavior: 'smooth', block: 'start'});
}

// ---- cite ----

let citeId = '';
let citeStyle = 'apa';
let citePlain = '';  // the citation as plain text (no Markdown): what Copy copies
let citeHtml = '';   // the same with its italics, for pasting into a word processor

function openCite(id) {
  citeId = id;
  const dialog = $('cite-dialog');
  if (!dialog.open) dialog.showModal();
  loadCitation();
}

async function loadCitation() {
  for (const b of document.querySelectorAll('.styles button'))
    b.setAttribute('aria-pressed', String(b.dataset.style === citeStyle));
  $('cite-status').textContent = '';
  $('cite-text').textContent = 'Loading…';
  citePlain = citeHtml = '';
  try {
    const c = await api('/api/cite', {id: citeId, style: citeStyle});
    // The formatted runs: italics set in italics, never Markdown's *asterisks*.
    const runs = c.formatted || [{text: c.citation, italic: false}];
    $('cite-text').replaceChildren(...runs.map((r) => r.italic ? el('i', {text: r.text}) : document.createTextNode(r.text)));
    $('cite-text').classList.toggle('prose', !['csl-json', 'bibtex'].includes(citeStyle));
    citePlain = c.text ?? c.citation;
    const escape = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    citeHtml = runs.map((r) => r.italic ? `<i>${escape(r.text)}</i>` : escape(r.text)).join('').replace(/\n/g, '<br>');
  } catch (e) {
    $('cite-text').textContent = '';
    $('cite-status').textContent = e.message;
  }
}

async function copyCitation() {
  const text = citePlain || $('cite-text').textContent;
  try {
    if (window.ClipboardItem && navigator.clipboard.write && citeHtml) {
      // Plain text for editors, the italics for word processors.
      await navigator.clipboard.write([new ClipboardItem({
        'text/plain': new Blob([text], {type: 'text/plain'}), 'text/html': new Blob([citeHtml], {type: 'text/html'})})]);
    } else {
      await navigator.clipboard.writeText(text);
    }
  } catch (e) {
    // No clipboard API (a page not on localhost or https): select the text for the user's own copy.
    const range = document.createRange();
    range.selectNodeContents($('cite-text'));
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    const copied = document.execCommand && document.execCommand('copy');
    $('cite-status').textContent = copied ? 'Copied.' : 'Selected: press Ctrl+C to copy.';
    return;
  }
  $('cite-status').textContent = 'Copied to the clipboard.';
}

// ---- wiring ----

function render() {
  fillForm(state);
  runSearch();
  runVerify();
}

document.addEventListener('DOMContentLoaded', () => {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = readForm();
    // A new search keeps the facets picked only when the words stay the same.
    const same = f.q === state.q;
    go({...state, ...f, claim: state.claim, claim_speaker: state.claim_speaker, offset: '',
        speaker_exact: same ? state.speaker_exact : '', org_exact: same ? state.org_exact : ''});
  });
  $('f-sort').addEventListener('change', () => $('search-form').requestSubmit());
  $('verify-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = readForm();
    go({...state, claim: f.claim, claim_speaker: f.claim_speaker});
  });
  $('claim').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('verify-form').requestSubmit();
  });
  for (const b of document.querySelectorAll('.styles button'))
    b.addEventListener('click', () => { citeStyle = b.dataset.style; loadCitation(); });
  $('cite-copy').addEventListener('click', copyCitation);
  $('cite-close').addEventListener('click', () => $('cite-dialog').close());
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (e.key === '/' && !typing && !$('cite-dialog').open) {
      e.preventDefault();
      $('q').focus();
      $('q').select();
    }
  });
  window.addEventListener('popstate', () => { state = stateFromUrl(); render(); });
  state = stateFromUrl();
  render();
});
