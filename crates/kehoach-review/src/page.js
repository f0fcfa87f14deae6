// The review page's behaviour, vanilla JS, no network. Rows, warnings and
// each value's cell (td.v: the plan's provenance) carry their span
// (data-start, data-end; for a PDF data-page and data-bbox); editable
// cells carry the path a correction names, and the old value is in the
// embedded review data. Listeners are delegated, and
// nothing runs per row at load but one pass that counts marked rows.
(function () {
  'use strict';
  var review = JSON.parse(document.getElementById('kh-review').textContent);
  var plan = JSON.parse(document.getElementById('kh-plan').textContent);
  var src = document.getElementById('source');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.row'));
  var spans = rows.map(function (r) { return [+r.dataset.start, +r.dataset.end]; });
  var values = Array.prototype.slice.call(document.querySelectorAll('td.v'));
  var valueSpans = values.map(function (v) { return [+v.dataset.start, +v.dataset.end]; });
  var lit = [];      // source elements highlighted now
  var selected = []; // rows and values selected now
  var edits = {};    // path -> correction, in the order first edited
  var order = [];
  var saved = true;

  document.getElementById('marked-count').textContent =
    document.querySelectorAll('tr.row.marked').length;

  function clearSource() {
    lit.forEach(function (e) {
      if (e.classList.contains('hl-box')) e.remove(); else e.classList.remove('hl');
    });
    lit = [];
  }
  function clearRows() {
    selected.forEach(function (r) { r.classList.remove('sel', 'focus', 'vsel'); });
    selected = [];
  }

  // Highlights lines start..end of the source and scrolls to them; on a
  // PDF also draws the span's box on its page.
  function showSource(el) {
    clearSource();
    var start = +el.dataset.start, end = +el.dataset.end;
    if (!start) return;
    var first = null;
    if (review.pdf) {
      for (var n = start; n <= end; n++) {
        var t = src.querySelector('text[data-n="' + n + '"]');
        if (t) { t.classList.add('hl'); lit.push(t); }
      }
      var page = el.dataset.page;
      var svg = page && src.querySelector('svg[data-page="' + page + '"]');
      if (svg && el.dataset.bbox) {
        var b = el.dataset.bbox.split(',').map(Number);
        var r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        r.setAttribute('class', 'hl-box');
        r.setAttribute('x', b[0] - 2); r.setAttribute('y', b[1] - 2);
        r.setAttribute('width', b[2] - b[0] + 4); r.setAttribute('height', b[3] - b[1] + 4);
        svg.querySelector('.hl-layer').appendChild(r);
        lit.push(r);
        first = r;
      }
      first = first || lit[0];
    } else {
      for (var m = start; m <= end; m++) {
        var l = document.getElementById('L' + m);
        if (l) { l.classList.add('hl'); lit.push(l); }
      }
      first = lit[0];
    }
    if (first) first.scrollIntoView({ block: 'center' });
  }

  // Selects the rows whose span covers line n, and the values read from
  // it; the narrowest row is scrolled to.
  function selectRowsAt(n) {
    clearRows();
    for (var k = 0; k < values.length; k++) {
      var vs = valueSpans[k];
      if (vs[0] <= n && n <= vs[1]) { values[k].classList.add('vsel'); selected.push(values[k]); }
    }
    var best = null, width = Infinity;
    for (var i = 0; i < rows.length; i++) {
      var s = spans[i];
      if (s[0] <= n && n <= s[1]) {
        rows[i].classList.add('sel');
        selected.push(rows[i]);
        if (s[1] - s[0] < width) { width = s[1] - s[0]; best = rows[i]; }
      }
    }
    if (best) {
      best.classList.add('focus');
      best.scrollIntoView({ block: 'center' });
    }
    return document.querySelectorAll('tr.row.sel').length;
  }

  document.getElementById('extraction').addEventListener('click', function (ev) {
    if (ev.target.isContentEditable) return;
    // A value shows where it was read; elsewhere in a row, the row's lines.
    var value = ev.target.closest('td.v');
    var row = ev.target.closest('tr.row, li.warn[data-start]');
    if (!value && !row) return;
    clearRows();
    if (row && row.tagName === 'TR') { row.classList.add('sel', 'focus'); selected.push(row); }
    else if (row) { row.classList.add('sel'); selected.push(row); }
    if (value) { value.classList.add('vsel'); selected.push(value); }
    showSource(value || row);
  });

  src.addEventListener('click', function (ev) {
    var line = ev.target.closest('[data-n]');
    if (!line) return;
    clearSource();
    line.classList.add('hl');
    lit.push(line);
    selectRowsAt(+line.dataset.n);
  });

  // Keys, when no value is being edited: n / p (or j / k) select the next
  // or previous marked row (all rows with Shift) and show its source.
  function step(dir, all) {
    var list = all ? rows : rows.filter(function (r) { return r.classList.contains('marked'); });
    if (list.length === 0) return null;
    var at = list.indexOf(document.querySelector('tr.row.focus'));
    var next = list[(at + dir + list.length) % list.length];
    if (at < 0 && dir < 0) next = list[list.length - 1];
    clearRows();
    next.classList.add('sel', 'focus');
    selected.push(next);
    next.scrollIntoView({ block: 'center' });
    showSource(next);
    return next;
  }
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var k = ev.key.toLowerCase();
    if (k === 'n' || k === 'j') { ev.preventDefault(); step(1, ev.shiftKey); }
    if (k === 'p' || k === 'k') { ev.preventDefault(); step(-1, ev.shiftKey); }
  });

  document.getElementById('only-marked').addEventListener('change', function (ev) {
    document.body.classList.toggle('only-marked', ev.target.checked);
  });

  // Editing: a double-click makes a cell editable; Enter or leaving it
  // keeps the edit, Escape drops it.
  function splitList(text) {
    return text.split(';').map(function (s) { return s.trim(); })
      .filter(function (s) { return s !== ''; });
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  // Edits are kept in the browser's storage for this source (by its
  // sha256) as they are made, so closing or reloading the page loses none;
  // a page that cannot store (a private window) still works.
  var storeKey = 'kehoach-review:' + review.head.source.sha256;
  function store() {
    try {
      if (order.length === 0) localStorage.removeItem(storeKey);
      else localStorage.setItem(storeKey, JSON.stringify({ order: order, edits: edits, saved: saved }));
    } catch (e) { /* storage refused: edits live as long as the page */ }
  }
  function shown(value) {
    return value === null ? '' : (Array.isArray(value) ? value.join('; ') : value);
  }
  function restore() {
    var kept = null;
    try { kept = JSON.parse(localStorage.getItem(storeKey) || 'null'); } catch (e) { kept = null; }
    if (!kept || !Array.isArray(kept.order)) return;
    kept.order.forEach(function (path) {
      var e = kept.edits[path], f = review.fields[path];
      var td = document.querySelector('td.ed[data-path="' + CSS.escape(path) + '"]');
      // An edit made on another extraction of the same file (the extractor
      // changed) is kept only where the old value is still the page's.
      if (!e || !f || !td || !same(e.old, f.old)) return;
      edits[path] = e;
      order.push(path);
      td.textContent = shown(e.new);
      td.classList.add('edited');
    });
    saved = !!kept.saved;
  }
  function updateCount() {
    var n = order.length;
    document.getElementById('edit-count').textContent =
      n === 0 ? 'no edits' : n + (n === 1 ? ' edit' : ' edits') + (saved ? ', saved' : ', not saved');
    document.getElementById('discard').hidden = n === 0;
    store();
  }
  function finish(td, keep) {
    td.contentEditable = 'false';
    if (!keep) { td.textContent = td.dataset.before; }
    var path = td.dataset.path, f = review.fields[path];
    if (!f) return;
    var text = td.textContent.replace(/\s+/g, ' ').trim();
    var value = f.list ? splitList(text) : (text === '' ? null : text);
    if (same(value, f.old)) {
      if (edits[path]) {
        delete edits[path];
        order.splice(order.indexOf(path), 1);
        saved = false;
      }
      td.classList.remove('edited');
    } else {
      if (!edits[path]) order.push(path);
      edits[path] = { path: path, old: f.old, new: value, at: new Date().toISOString() };
      td.classList.add('edited');
      saved = false;
    }
    updateCount();
  }
  document.getElementById('extraction').addEventListener('dblclick', function (ev) {
    var td = ev.target.closest('td.ed');
    if (!td || td.isContentEditable) return;
    td.dataset.before = td.textContent;
    td.contentEditable = 'true';
    td.focus();
    var range = document.createRange();
    range.selectNodeContents(td);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  });
  document.addEventListener('keydown', function (ev) {
    var td = ev.target;
    if (!td.isContentEditable || !td.classList.contains('ed')) return;
    if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); td.blur(); }
    if (ev.key === 'Escape') { ev.preventDefault(); td.dataset.cancel = '1'; td.blur(); }
  });
  document.addEventListener('focusout', function (ev) {
    var td = ev.target;
    if (!td.classList || !td.classList.contains('ed') || !td.isContentEditable) return;
    var cancel = td.dataset.cancel === '1';
    delete td.dataset.cancel;
    finish(td, !cancel);
  });

  // The corrections file: the head the page was given, and one entry per
  // edited value, in the order first edited.
  function correctionsDocument() {
    var by = document.getElementById('reviewer').value.trim();
    var doc = JSON.parse(JSON.stringify(review.head));
    doc.corrections = order.map(function (p) {
      var e = edits[p];
      return { path: e.path, old: e.old, new: e.new, by: by, at: e.at };
    });
    return doc;
  }
  document.getElementById('save').addEventListener('click', function () {
    var text = JSON.stringify(correctionsDocument(), null, 2) + '\n';
    var blob = new Blob([text], { type: 'application/json' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = review.stem + '.corrections.json';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
    saved = true;
    updateCount();
  });
  document.getElementById('discard').addEventListener('click', function () {
    if (!window.confirm('Discard ' + order.length + ' edit(s) of this plan?')) return;
    order.slice().forEach(function (path) {
      var td = document.querySelector('td.ed[data-path="' + CSS.escape(path) + '"]');
      if (td) { td.textContent = shown(review.fields[path].old); td.classList.remove('edited'); }
    });
    order.length = 0;
    Object.keys(edits).forEach(function (k) { delete edits[k]; });
    saved = true;
    updateCount();
  });
  restore();
  updateCount();
  window.addEventListener('beforeunload', function (ev) {
    if (!saved && order.length > 0) { ev.preventDefault(); ev.returnValue = ''; }
  });

  // For tests and the console.
  window.kehoachReview = {
    plan: plan, edits: edits, correctionsDocument: correctionsDocument,
    selectRowsAt: selectRowsAt, step: step
  };
})();
