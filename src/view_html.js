/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_html.js: the script of framescope's page of a run (see
   include/view_html.h).  It rebuilds a step from the differences the page
   stores, and draws it: the stack as view_svg draws it, the source, the
   instruction, the registers and the backtrace.  */
(function () {
'use strict';

var D = JSON.parse(document.getElementById('fs-data').textContent);
var S = D.strs, N = D.nsteps, KEY = D.keystep;
/* The program's architecture: its word (8 bytes, 4 on i386) and the
   names of its pc and sp.  */
var W = D.word || 8, PC = D.pc || 'rip', SP = D.sp || 'rsp';
var RIP = D.regs.indexOf(PC);

/* The steps come in chunks of KEY, each in a <script> of its own, read
   when first needed: a page opens at any step without reading them all.
   The first step of every chunk but the first holds the whole step.  */
var CHUNKS = document.querySelectorAll('script.fs-steps'), chunk = [];

function step(i) {
	var c = Math.floor(i / KEY);

	if (chunk[c] === undefined)
		chunk[c] = JSON.parse(CHUNKS[c].textContent);
	return chunk[c][i - c * KEY];
}

/* ------------------------------------------------------------ the steps */

/* A step rebuilt: the registers (hex, by D.regs; rip a number, as it
   moves at every step), the frames ([title,
   note, source, line, first key, last key]), the words by key ([key,
   offset, value, meaning, kind, arrows, first word of the red zone,
   overwritten], the last three left out when none and not).  */
function emptyState() {
	return { regs: [], rip: 0, noregs: true, frames: [], rows: new Map(),
	    stop: -1, reason: -1 };
}

function copyState(s) {
	return { regs: s.regs.slice(), rip: s.rip, noregs: s.noregs,
	    frames: s.frames.slice(), rows: new Map(s.rows), stop: s.stop,
	    reason: s.reason };
}

/* Step ST on from S.  A page of 100,000 steps goes through all of them
   to open at its last: every member is looked at once.  */
function apply(s, st) {
	var i, a;

	s.stop = st.s !== undefined ? st.s : s.stop + 1;
	if (st.r !== undefined)
		s.reason = st.r;
	if (st.x !== undefined)
		s.noregs = true;
	if ((a = st.g) !== undefined) {
		s.noregs = false;
		for (i = 0; i < a.length; i += 2) {
			s.regs[a[i]] = a[i + 1];
			if (a[i] === RIP)
				s.rip = parseInt(a[i + 1], 16);
		}
	}
	if (st.p !== undefined)
		s.rip += st.p;
	if (st.k !== undefined && st.k !== s.frames.length)
		s.frames.length = st.k;
	if ((a = st.f) !== undefined)
		for (i = 0; i < a.length; i++)
			s.frames[a[i][0]] = a[i][1];
	if ((a = st.d) !== undefined)
		for (i = 0; i < a.length; i++)
			s.rows.delete(a[i]);
	if ((a = st.w) !== undefined)
		for (i = 0; i < a.length; i++)
			s.rows.set(a[i][0], a[i]);
}

/* Steps are rebuilt from the nearest one rebuilt before: one kept every
   EVERY steps (the page's keyframes among them), and the last one
   shown.  */
var EVERY = 256;
var kept = [];
var cur = null, curN = -1;

/* The state a keyframe of the page holds (see view_html.c).  */
function fromKey(key) {
	var s = emptyState(), i;

	s.stop = key.s;
	s.reason = key.r;
	s.noregs = key.g.length === 0;
	for (i = 0; i < key.g.length; i += 2) {
		s.regs[key.g[i]] = key.g[i + 1];
		if (key.g[i] === RIP)
			s.rip = parseInt(key.g[i + 1], 16);
	}
	s.frames = key.f.slice();
	for (i = 0; i < key.w.length; i++)
		s.rows.set(key.w[i][0], key.w[i]);
	return s;
}

function stateAt(n) {
	var s, k, i;

	if (cur !== null && n === curN)
		return cur;
	/* The page's keyframe before N, if none nearer was rebuilt.  */
	k = n - n % KEY;
	if (k > 0 && !kept[k / EVERY])
		kept[k / EVERY] = fromKey(step(k).K);
	if (cur !== null && n === curN + 1) {
		apply(cur, step(n));
		curN = n;
		if (n % EVERY === 0 && !kept[n / EVERY])
			kept[n / EVERY] = copyState(cur);
		return cur;
	}
	for (k = Math.floor(n / EVERY); k > 0 && !kept[k]; k--)
		;
	if (kept[k]) {
		s = copyState(kept[k]);
		i = k * EVERY + 1;
	} else {
		s = emptyState();
		apply(s, step(0));
		kept[0] = copyState(s);
		i = 1;
	}
	for (; i <= n; i++) {
		apply(s, step(i));
		if (i % EVERY === 0 && !kept[i / EVERY])
			kept[i / EVERY] = copyState(s);
	}
	cur = s;
	curN = n;
	return s;
}

/* Where each source line begins and ends: a run of steps in one line
   (the innermost frame's source and line) and one number of frames, for
   Shift+arrows.  Each step's line is worked out a chunk at a time, from
   its keyframe, when first asked for.  */
var lnSrc = new Int32Array(N), lnLine = new Int32Array(N);
var lnDepth = new Int32Array(N), lnDone = [];

function lineChunk(c) {
	var i = c * KEY, end = Math.min(N, i + KEY), src = -2, line = 0, nf = 0;
	var st, k, f;

	if (c > 0) {
		f = step(i).K.f;
		nf = f.length;
		if (nf > 0) {
			src = f[0][2];
			line = f[0][3];
		}
	}
	for (; i < end; i++) {
		st = step(i);
		if (st.k !== undefined)
			nf = st.k;
		if (st.f !== undefined)
			for (k = 0; k < st.f.length; k++)
				if (st.f[k][0] === 0) {
					src = st.f[k][1][2];
					line = st.f[k][1][3];
				}
		lnSrc[i] = src;
		lnLine[i] = line;
		lnDepth[i] = nf;
	}
	lnDone[c] = true;
}

/* Whether step I (> 0) begins a line.  */
function lineStarts(i) {
	var c = Math.floor(i / KEY), p = Math.floor((i - 1) / KEY);

	if (!lnDone[c])
		lineChunk(c);
	if (!lnDone[p])
		lineChunk(p);
	return lnSrc[i] !== lnSrc[i - 1] || lnLine[i] !== lnLine[i - 1] ||
	    lnDepth[i] !== lnDepth[i - 1];
}

function lineStart(n) {
	while (n > 0 && !lineStarts(n))
		n--;
	return n;
}

function nextLine(n) {
	var i;

	for (i = n + 1; i < N; i++)
		if (lineStarts(i))
			return i;
	return N - 1;
}

function prevLine(n) {
	var s = lineStart(n);

	return s > 0 ? lineStart(s - 1) : 0;
}

/* ------------------------------------------------------------ drawing */

var FONT = 13, COLW = FONT * 0.61, ROWH = 22, HEADH = 26, SEPH = 18;
var PADX = 8, MARGIN = 16, LANEW = 11, MAXLANES = 24, ARROWLEN = 46;
var MEANMAX = 110;

function esc(s) {
	return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;')
	    .replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function wide(cp) {
	return (cp >= 0x1100 && cp <= 0x115f) ||
	    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) ||
	    (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd);
}

/* Columns S takes in a monospace font.  */
function cols(s) {
	var n = 0, c;

	for (c of s)
		n += wide(c.codePointAt(0)) ? 2 : 1;
	return n;
}

/* S cut at MAX columns with an ellipsis.  */
function cut(s, max) {
	var out = '', n = 0, c, w;

	if (cols(s) <= max)
		return s;
	for (c of s) {
		w = wide(c.codePointAt(0)) ? 2 : 1;
		if (n + w > max - 1)
			break;
		out += c;
		n += w;
	}
	return out + '\u2026';
}

function px(n) {
	return (n * COLW).toFixed(1);
}

function text(x, y, attrs, s) {
	return '<text x="' + x.toFixed(1) + '" y="' + y.toFixed(1) + '"' +
	    (attrs ? ' ' + attrs : '') + '>' + esc(s) + '</text>';
}

/* H in hex digits of a word.  */
function hexw(h) {
	return ('0000000000000000' + h).slice(-2 * W);
}

function addrOf(key) {
	return D.base - key * W;
}

/* The rows of frame F, from the top.  */
function frameRows(s, f) {
	var out = [], k, r;

	if (f.length < 6)
		return out;
	for (k = f[4]; k <= f[5]; k++)
		if ((r = s.rows.get(k)) !== undefined)
			out.push(r);
	return out;
}

/* The picture of step N's stack, as view_svg draws it.  */
function drawStack(s, changed) {
	var b = [], i, j, f, rows, r, y, top = MARGIN, offw = 3, meanw = 7;
	var titlew = 0, arrw = 0, ypos = new Map(), ptr = [], lanes = 0;
	var present = {}, anyChanged = false, anySmashed = false, L = {};
	var width, height;
	var rspY = -1;

	/* Measure.  */
	for (i = 0; i < s.frames.length; i++) {
		f = s.frames[i];
		titlew = Math.max(titlew, cols(S[f[0]]));
		if (f[1] >= 0)
			meanw = Math.max(meanw, cols(S[f[1]]));
		rows = frameRows(s, f);
		for (j = 0; j < rows.length; j++) {
			r = rows[j];
			offw = Math.max(offw, S[r[1]].length);
			meanw = Math.max(meanw, cols(meaning(r, changed)));
			if (r[5] >= 0)
				arrw = Math.max(arrw, cols(S[r[5]]));
			present[D.kinds[r[4]][0]] = r[4];
			anyChanged = anyChanged || changed.has(r[0]);
			anySmashed = anySmashed || r[7] === 1;
		}
	}
	meanw = Math.min(meanw, MEANMAX);
	/* Rows, top down.  */
	y = top;
	for (i = s.frames.length - 1; i >= 0; i--) {
		f = s.frames[i];
		y += HEADH;
		if (f[1] >= 0)
			y += ROWH;
		rows = frameRows(s, f);
		for (j = 0; j < rows.length; j++) {
			if (rows[j][6])
				y += SEPH;
			ypos.set(rows[j][0], y);
			y += ROWH;
		}
		y += 12;
	}
	height = y;
	/* Pointers into the stack.  */
	ypos.forEach(function (yy, key) {
		var row = s.rows.get(key), v, tk, lo, hi;

		if (row[2] === null || D.kinds[row[4]][0] === 'return-address' ||
		    D.kinds[row[4]][0] === 'red-zone')
			return;
		v = parseInt(row[2], 16);
		tk = (D.base - (v - v % W)) / W;
		if (!Number.isSafeInteger(v) || tk === key || !ypos.has(tk))
			return;
		lo = Math.min(yy, ypos.get(tk)) + ROWH / 2;
		hi = Math.max(yy, ypos.get(tk)) + ROWH / 2;
		ptr.push({ from: yy + ROWH / 2, to: ypos.get(tk) + ROWH / 2,
		    lo: lo, hi: hi, lane: 0 });
	});
	ptr.sort(function (p, q) { return (p.hi - p.lo) - (q.hi - q.lo); });
	for (i = 0; i < ptr.length; i++) {
		var lane, clash;

		for (lane = 0; lane < MAXLANES; lane++) {
			clash = false;
			for (j = 0; j < i && !clash; j++)
				clash = ptr[j].lane === lane &&
				    ptr[j].lo <= ptr[i].hi + 4 &&
				    ptr[i].lo <= ptr[j].hi + 4;
			if (!clash)
				break;
		}
		ptr[i].lane = lane;
		if (lane < MAXLANES)
			lanes = Math.max(lanes, lane + 1);
	}
	L.box_x = MARGIN + lanes * LANEW + (lanes > 0 ? 8 : 0);
	L.addr_x = L.box_x + PADX;
	L.off_x = L.addr_x + 18 * COLW + 2 * PADX;
	L.val_x = L.off_x + offw * COLW + 2 * PADX;
	L.mean_x = L.val_x + 17 * COLW + 2 * PADX;
	L.box_w = Math.max(L.mean_x + meanw * COLW + PADX - L.box_x,
	    titlew * COLW + 2 * PADX);
	width = L.box_x + L.box_w + (arrw > 0 ? ARROWLEN + 8 + arrw * COLW :
	    0) + MARGIN;

	b.push('<defs><pattern id="redzone" width="7" height="7" ' +
	    'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
	    '<rect width="7" height="7" fill="#ffffff"></rect>' +
	    '<line x1="0" y1="0" x2="0" y2="7" stroke="#b03a2e" ' +
	    'stroke-width="1.4" stroke-opacity="0.6"></line></pattern>' +
	    '<marker id="head" viewBox="0 0 10 10" refX="9" refY="5" ' +
	    'markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" ' +
	    'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#000000">' +
	    '</path></marker></defs>');
	b.push('<rect x="0" y="0" width="' + width.toFixed(0) + '" height="' +
	    (height + 40).toFixed(0) + '" fill="#ffffff"></rect>');
	y = top;
	for (i = s.frames.length - 1; i >= 0; i--) {
		var boxTop = y, rowsTop, xs, k;

		f = s.frames[i];
		b.push('<g class="frame" id="frame' + i + '">');
		b.push('<rect x="' + L.box_x.toFixed(1) + '" y="' +
		    y.toFixed(1) + '" width="' + L.box_w.toFixed(1) +
		    '" height="' + HEADH + '" fill="#d6d6d6"></rect>');
		b.push(text(L.box_x + PADX, y + HEADH / 2 + FONT * 0.35,
		    'class="title" font-weight="bold"', S[f[0]]));
		y += HEADH;
		rowsTop = y;
		if (f[1] >= 0) {
			b.push(text(L.addr_x, y + ROWH / 2 + FONT * 0.35,
			    'class="note" font-style="italic"', S[f[1]]));
			y += ROWH;
		}
		rows = frameRows(s, f);
		for (j = 0; j < rows.length; j++) {
			r = rows[j];
			if (r[6]) {
				b.push('<line x1="' + L.box_x.toFixed(1) +
				    '" y1="' + y.toFixed(1) + '" x2="' +
				    (L.box_x + L.box_w).toFixed(1) + '" y2="' +
				    y.toFixed(1) + '" stroke="#000000" ' +
				    'stroke-width="1.2" stroke-dasharray="6,3">' +
				    '</line>');
				b.push(text(L.addr_x, y + SEPH / 2 + 4,
				    'class="sep" font-size="11" ' +
				    'font-style="italic"', 'below ' + SP +
				    ': the red zone, 128 bytes a leaf ' +
				    'function may use without moving ' + SP));
				y += SEPH;
			}
			drawRow(b, L, r, y, changed);
			if (j + 1 < rows.length)
				b.push('<line x1="' + L.box_x.toFixed(1) +
				    '" y1="' + (y + ROWH).toFixed(1) + '" x2="' +
				    (L.box_x + L.box_w).toFixed(1) + '" y2="' +
				    (y + ROWH).toFixed(1) + '" stroke="#999999" ' +
				    'stroke-width="0.6"></line>');
			y += ROWH;
		}
		if (rows.length > 0) {
			xs = [L.off_x, L.val_x, L.mean_x];
			for (k = 0; k < 3; k++)
				b.push('<line x1="' + (xs[k] - PADX).toFixed(1) +
				    '" y1="' + rowsTop.toFixed(1) + '" x2="' +
				    (xs[k] - PADX).toFixed(1) + '" y2="' +
				    y.toFixed(1) + '" stroke="#777777" ' +
				    'stroke-width="0.8"></line>');
		}
		b.push('<line x1="' + L.box_x.toFixed(1) + '" y1="' +
		    rowsTop.toFixed(1) + '" x2="' + (L.box_x +
		    L.box_w).toFixed(1) + '" y2="' + rowsTop.toFixed(1) +
		    '" stroke="#000000" stroke-width="1"></line>');
		b.push('<rect x="' + L.box_x.toFixed(1) + '" y="' +
		    boxTop.toFixed(1) + '" width="' + L.box_w.toFixed(1) +
		    '" height="' + (y - boxTop).toFixed(1) + '" fill="none" ' +
		    'stroke="#000000" stroke-width="1.6"></rect></g>');
		y += 12;
	}
	for (i = 0; i < ptr.length; i++) {
		var lx = L.box_x - 8 - ptr[i].lane * LANEW;

		if (ptr[i].lane >= MAXLANES)
			continue;
		b.push('<circle cx="' + (L.box_x + 3).toFixed(1) + '" cy="' +
		    ptr[i].from.toFixed(1) + '" r="2.5" fill="#000000">' +
		    '</circle><path class="pointer" d="M' +
		    (L.box_x + 3).toFixed(1) + ',' + ptr[i].from.toFixed(1) +
		    ' H' + lx.toFixed(1) + ' V' + ptr[i].to.toFixed(1) + ' H' +
		    (L.box_x - 1).toFixed(1) + '" stroke="#000000" ' +
		    'stroke-width="1.2" fill="none" marker-end="url(#head)">' +
		    '</path>');
	}
	height = legend(b, present, anyChanged, anySmashed, ptr.length > 0,
	    height + 4, width) + MARGIN;
	ypos.forEach(function (yy, key) {
		var r = s.rows.get(key);

		if (r[5] >= 0 && new RegExp('^' + SP + '\\b').test(S[r[5]]))
			rspY = yy;
	});
	b[1] = '<rect x="0" y="0" width="' + width.toFixed(0) + '" height="' +
	    height.toFixed(0) + '" fill="#ffffff"></rect>';
	return { svg: b.join(''), width: width, height: height, rsp: rspY };
}

function meaning(r, changed) {
	var w = changed.get(r[0]);

	return S[r[3]] + (w !== undefined && w >= 0 ? ' [' + S[w] + ']' : '');
}

function drawRow(b, L, r, y, changed) {
	var ch = changed.has(r[0]), ty = y + ROWH / 2 + FONT * 0.35;
	var smashed = r[7] === 1;
	var m = meaning(r, changed), shown = cut(m, MEANMAX);
	var addr = addrOf(r[0]);

	b.push('<g class="slot ' + D.kinds[r[4]][0] + (ch ? ' changed' : '') +
	    (smashed ? ' corrupted' : '') + '" id="w' + addr.toString(16) +
	    '">');
	if (shown !== m)
		b.push('<title>' + esc(m) + '</title>');
	b.push('<rect x="' + L.box_x.toFixed(1) + '" y="' + y.toFixed(1) +
	    '" width="' + L.box_w.toFixed(1) + '" height="' + ROWH +
	    '" fill="' + D.kinds[r[4]][1] + '"></rect>');
	if (ch)
		b.push('<rect x="' + (L.val_x - PADX + 2).toFixed(1) + '" y="' +
		    (y + 2).toFixed(1) + '" width="' + (L.mean_x - L.val_x -
		    4).toFixed(1) + '" height="' + (ROWH - 4).toFixed(1) +
		    '" fill="#ffd54a" stroke="#000000" stroke-width="1.4">' +
		    '</rect>');
	if (smashed)
		b.push('<rect x="' + (L.box_x + 1.5).toFixed(1) + '" y="' +
		    (y + 1.5).toFixed(1) + '" width="' + (L.box_w -
		    3).toFixed(1) + '" height="' + (ROWH - 3).toFixed(1) +
		    '" fill="none" stroke="' + D.smash[0] +
		    '" stroke-width="3"></rect>');
	b.push(text(L.addr_x, ty, 'class="addr" fill="#333333"', '0x' +
	    hexw(addr.toString(16))));
	b.push(text(L.off_x, ty, 'class="off"', S[r[1]]));
	b.push(text(L.val_x, ty, ch || smashed ?
	    'class="val" font-weight="bold"' : 'class="val"',
	    r[2] === null ? '??' : hexw(r[2])));
	/* As frames marks it: "!" overwritten, else "*" changed.  */
	if (smashed)
		b.push(text(L.val_x + 16 * COLW + 3, ty, 'class="mark" ' +
		    'font-weight="bold" fill="' + D.smash[0] + '"', '!'));
	else if (ch)
		b.push(text(L.val_x + 16 * COLW + 3, ty,
		    'class="mark" font-weight="bold"', '*'));
	b.push(text(L.mean_x, ty, 'class="mean" xml:space="preserve"',
	    shown));
	if (r[5] >= 0)
		b.push(text(L.box_x + L.box_w + ARROWLEN + 8, ty,
		    'class="arrows" font-weight="bold"', S[r[5]]));
	b.push('</g>');
	if (r[5] >= 0)
		b.push('<path d="M' + (L.box_x + L.box_w + ARROWLEN +
		    3).toFixed(1) + ',' + (y + ROWH / 2).toFixed(1) + ' H' +
		    (L.box_x + L.box_w + 2).toFixed(1) + '" stroke="#000000" ' +
		    'stroke-width="1.5" fill="none" marker-end="url(#head)">' +
		    '</path>');
}

function legend(b, present, changed, smashed, pointers, y, width) {
	var x = MARGIN, done = {}, k, name, at;

	function place(w) {
		var a;

		if (x + w > width - MARGIN && x > MARGIN) {
			x = MARGIN;
			y += 20;
		}
		a = x;
		x += w;
		return a;
	}
	b.push('<g class="legend" font-size="11">');
	for (k = 0; k < D.kinds.length; k++) {
		name = D.kinds[k][2];
		if (!(D.kinds[k][0] in present) || !name || done[name])
			continue;
		done[name] = true;
		at = place(36 + name.length * COLW * 11 / FONT);
		b.push('<rect x="' + at.toFixed(1) + '" y="' + y.toFixed(1) +
		    '" width="14" height="12" fill="' + D.kinds[k][1] +
		    '" stroke="#555555" stroke-width="0.8"></rect>');
		b.push(text(at + 20, y + 10, '', name));
	}
	if (changed) {
		name = '* changed since the previous stop';
		at = place(36 + name.length * COLW * 11 / FONT);
		b.push('<rect x="' + at.toFixed(1) + '" y="' + y.toFixed(1) +
		    '" width="14" height="12" fill="#ffd54a" stroke="#000000" ' +
		    'stroke-width="1.4"></rect>');
		b.push(text(at + 20, y + 10, 'font-weight="bold"', name));
	}
	if (smashed) {
		name = D.smash[1];
		at = place(36 + name.length * COLW * 11 / FONT);
		b.push('<rect x="' + (at + 0.5).toFixed(1) + '" y="' +
		    (y + 0.5).toFixed(1) + '" width="14" height="12" ' +
		    'fill="#ffffff" stroke="' + D.smash[0] + '" ' +
		    'stroke-width="3"></rect>');
		b.push(text(at + 20, y + 10, 'font-weight="bold"', name));
	}
	if (pointers) {
		name = 'points into the stack';
		at = place(52 + name.length * COLW * 11 / FONT);
		b.push('<circle cx="' + (at + 2).toFixed(1) + '" cy="' +
		    (y + 6).toFixed(1) + '" r="2.5" fill="#000000"></circle>' +
		    '<path d="M' + (at + 2).toFixed(1) + ',' + (y + 6).toFixed(1) +
		    ' H' + (at + 28).toFixed(1) + '" stroke="#000000" ' +
		    'stroke-width="1.2" fill="none" marker-end="url(#head)">' +
		    '</path>');
		b.push(text(at + 36, y + 10, '', name));
	}
	b.push('</g>');
	return y + 20;
}

/* ---------------------------------------------------------- the page */

function el(tag, attrs, html) {
	var e = document.createElement(tag), k;

	for (k in attrs)
		e.setAttribute(k, attrs[k]);
	if (html !== undefined)
		e.innerHTML = html;
	return e;
}

document.title = 'framescope: ' + D.title;
document.body.appendChild(el('header', {},
    '<h1>' + esc(D.title) + '</h1>' +
    '<nav><a id="first" title="first step (Home)">|&#x25c0;</a>' +
    '<a id="prevline" title="previous line (Shift+Left)">&#x25c0;&#x25c0;' +
    ' line</a><a id="prev" title="previous instruction (Left)">&#x25c0;' +
    ' insn</a><input type="range" id="slider" min="0" max="' +
    (N - 1) + '" value="0" aria-label="step">' +
    '<a id="next" title="next instruction (Right)">insn &#x25b6;</a>' +
    '<a id="nextline" title="next line (Shift+Right)">line ' +
    '&#x25b6;&#x25b6;</a><a id="last" title="last step (End)">' +
    '&#x25b6;|</a><span id="pos"></span><span id="reason"></span></nav>' +
    '<p class="help">Left, Right: one instruction; Shift+Left, ' +
    'Shift+Right: one line; Home, End; or the slider.</p>'));
document.body.appendChild(el('main', {},
    '<section id="left">' +
    '<div class="pane"><h2 id="srcname">Source</h2><pre id="src"></pre>' +
    '</div><div class="pane"><h2>Instruction</h2><pre id="insn"></pre>' +
    '</div><div class="pane"><h2>Registers</h2><table id="regs"></table>' +
    '</div><div class="pane"><h2>Backtrace</h2><ul id="bt">' +
    '</ul></div></section>' +
    '<section id="right"><div class="pane"><h2>Stack, higher addresses ' +
    'on top</h2><div id="stackbox"><svg id="stack" ' +
    'xmlns="http://www.w3.org/2000/svg" font-family="\'DejaVu Sans ' +
    'Mono\', \'Liberation Mono\', Menlo, Consolas, \'Courier New\', ' +
    'monospace" font-size="13" xml:space="preserve"></svg></div></div>' +
    '</section>'));

var $ = function (id) { return document.getElementById(id); };
var shownSrc = -2, srcLines = [];

function showSource(s) {
	var i, f, src = -1, line = 0, fr = -1, pre = $('src'), t, html, cur;

	/* The innermost frame whose source is in the page.  */
	for (i = 0; i < s.frames.length && src < 0; i++) {
		f = s.frames[i];
		if (f[2] >= 0 && D.srcs[f[2]][1] !== null) {
			src = f[2];
			line = f[3];
			fr = i;
		}
	}
	if (src !== shownSrc) {
		shownSrc = src;
		if (src < 0) {
			pre.textContent = s.frames.length > 0 ?
			    'No source for these frames in the page.' :
			    'No frames: the process is gone.';
			$('srcname').textContent = 'Source';
		} else {
			t = D.srcs[src][1].replace(/\n$/, '').split('\n');
			html = [];
			for (i = 0; i < t.length; i++)
				html.push('<span class="line" id="L' + (i + 1) +
				    '"><span class="ln">' + (i + 1) +
				    '</span>' + esc(t[i]) + '\n</span>');
			pre.innerHTML = html.join('');
			$('srcname').textContent = 'Source: ' +
			    S[D.srcs[src][0]];
		}
		srcLines = [];
	}
	srcLines.forEach(function (e) { e.classList.remove('cur'); });
	srcLines = [];
	if (src >= 0 && (cur = document.getElementById('L' + line)) !== null) {
		cur.classList.add('cur');
		srcLines.push(cur);
		pre.scrollTop = Math.max(0, cur.offsetTop - pre.offsetTop -
		    pre.clientHeight / 2);
	}
	return fr;
}

function showRegs(s, st) {
	var changed = {}, i, html = [];

	if (st.g)
		for (i = 0; i < st.g.length; i += 2)
			changed[st.g[i]] = true;
	if (st.p !== undefined)
		changed[RIP] = true;
	if (s.noregs) {
		$('regs').innerHTML = '<tr><td>No registers: the process ' +
		    'is gone.</td></tr>';
		return;
	}
	for (i = 0; i < D.regs.length; i++)
		html.push('<tr' + (changed[i] ? ' class="chg"' : '') + '><th>' +
		    esc(D.regs[i]) + '</th><td>0x' + hexw(i === RIP ?
		    s.rip.toString(16) : s.regs[i] || '0') +
		    (changed[i] ? ' *' : '') + '</td></tr>');
	$('regs').innerHTML = html.join('');
}

function link(id, n) {
	$(id).setAttribute('href', '#step=' + n);
}

function render(n) {
	var s = stateAt(n), st = step(n), changed = new Map(), pic, i, fr, rip;
	var svg = $('stack'), insn;

	if (st.c)
		for (i = 0; i < st.c.length; i += 2)
			changed.set(st.c[i], st.c[i + 1]);
	$('pos').textContent = 'step ' + n + ' of ' + (N - 1);
	$('reason').textContent = 'stop ' + s.stop + ': ' + S[s.reason];
	$('slider').value = n;
	link('first', 0);
	link('prev', Math.max(0, n - 1));
	link('next', Math.min(N - 1, n + 1));
	link('prevline', prevLine(n));
	link('nextline', nextLine(n));
	link('last', N - 1);
	fr = showSource(s);
	showRegs(s, st);
	rip = s.noregs ? null : s.rip.toString(16);
	insn = rip != null && D.insns[rip] !== undefined ?
	    S[D.insns[rip]] : null;
	$('insn').textContent = rip == null ? 'The process is gone.' :
	    '0x' + rip + (insn !== null ? ':  ' + insn : '');
	$('bt').innerHTML = s.frames.map(function (f, i) {
		return '<li' + (i === fr ? ' class="src"' : '') + '>' +
		    esc(S[f[0]]) + '</li>';
	}).join('');
	pic = drawStack(s, changed);
	svg.setAttribute('width', pic.width.toFixed(0));
	svg.setAttribute('height', pic.height.toFixed(0));
	svg.setAttribute('viewBox', '0 0 ' + pic.width.toFixed(0) + ' ' +
	    pic.height.toFixed(0));
	svg.innerHTML = pic.svg;
	/* Where rsp is, in sight (the picture may be drawn smaller to
	   fit).  */
	if (pic.rsp >= 0)
		$('stackbox').scrollTop = Math.max(0, pic.rsp *
		    svg.getBoundingClientRect().width / pic.width -
		    $('stackbox').clientHeight * 0.6);
}

var shown = -1, pending = -1;

function go(n) {
	n = Math.max(0, Math.min(N - 1, n | 0));
	if (n === shown)
		return;
	shown = n;
	if (location.hash !== '#step=' + n)
		history.replaceState(null, '', '#step=' + n);
	render(n);
}

function fromHash() {
	var m = /^#step=(\d+)$/.exec(location.hash);

	return m ? parseInt(m[1], 10) : 0;
}

window.addEventListener('hashchange', function () { go(fromHash()); });
document.addEventListener('keydown', function (ev) {
	if (ev.altKey || ev.ctrlKey || ev.metaKey)
		return;
	switch (ev.key) {
	case 'ArrowRight':
		go(ev.shiftKey ? nextLine(shown) : shown + 1);
		break;
	case 'ArrowLeft':
		go(ev.shiftKey ? prevLine(shown) : shown - 1);
		break;
	case 'Home':
		go(0);
		break;
	case 'End':
		go(N - 1);
		break;
	default:
		return;
	}
	ev.preventDefault();
});
$('slider').addEventListener('input', function () {
	var first = pending < 0;

	pending = parseInt($('slider').value, 10);
	if (first)
		requestAnimationFrame(function () {
			var n = pending;

			pending = -1;
			go(n);
		});
});
go(fromHash());
})();
