// app.js - the workspace of `vanban serve`: the folder's documents, and
// an editor whose form and YAML view are two views of one text, kept in
// step, with the real pages (SVG from the server) beside them.
'use strict';

const TOKEN = document.querySelector('meta[name="vanban-token"]').content;
const $ = (sel) => document.querySelector(sel);
const SEVERITY = { error: 'Lỗi', warning: 'Cảnh báo', note: 'Ghi chú' };
const URGENCY = [['', '(thường)'], ['khan', 'Khẩn'], ['thuong-khan', 'Thượng khẩn'], ['hoa-toc', 'Hỏa tốc']];
// The fields shown first; the rest of the schema's form keys under "Trường khác".
const MAIN = ['type', 'issuer', 'number', 'place', 'date', 'subject', 'to', 'body', 'signature',
	'recipients', 'archive'];
const SUB = {
	issuer: [['parent', 'Cơ quan cấp trên'], ['name', 'Tên cơ quan'], ['code', 'Viết tắt'], ['unit', 'Đơn vị soạn thảo']],
	signature: [['authority', 'Thẩm quyền ký'], ['for', 'Thay mặt / ký thay cho'], ['title', 'Chức vụ'], ['name', 'Họ và tên']],
};

// The server's refusals, in Vietnamese by their status (its own words after).
const REFUSAL = {
	400: 'Yêu cầu không hợp lệ', 403: 'Bị từ chối', 404: 'Không tìm thấy', 409: 'Đã có tệp tên này',
	413: 'Văn bản quá lớn (tối đa 2 MB)', 422: 'Văn bản còn lỗi', 500: 'Lỗi của máy chủ',
};
function refusal(r) {
	return (REFUSAL[r.status] || 'Lỗi') + (r.body && r.body.error ? ' (' + r.body.error + ')' : '');
}

let state = { name: null, types: [], schema: [], authorities: [], timer: null, seq: 0, dirty: false };

function api(method, path, body) {
	const opt = { method, headers: {} };
	if (method === 'POST') {
		opt.headers['X-Vanban-Token'] = TOKEN;
		opt.headers['Content-Type'] = 'text/plain; charset=utf-8';
		opt.body = body || '';
	}
	return fetch(path, opt).then((r) => r.json().then((j) => ({ status: r.status, body: j })));
}

// ---- The YAML text: top-level keys, one level of mapping, lists of scalars.

function lines(text) { return text.split('\n'); }

// Where each top-level key's lines are: {key, start, end} (end exclusive).
function blocks(ls) {
	const out = [];
	for (let i = 0; i < ls.length; i++) {
		const m = /^([A-Za-z_][\w-]*)\s*:(.*)$/.exec(ls[i]);
		if (m) {
			if (out.length) out[out.length - 1].end = i;
			out.push({ key: m[1], start: i, end: ls.length, rest: m[2] });
		}
	}
	// Blank and comment lines at a block's end belong to no key.
	for (const b of out)
		while (b.end > b.start + 1 && /^\s*(#.*)?$/.test(ls[b.end - 1])) b.end--;
	return out;
}

function unquote(v) {
	v = v.trim();
	if (v.startsWith('"')) {
		try { return JSON.parse(v); } catch (e) { return v.slice(1, -1); }
	}
	if (v.startsWith("'")) return v.slice(1, v.endsWith("'") ? -1 : undefined).replace(/''/g, "'");
	return v.replace(/\s+#.*$/, '');
}

function quote(v) {
	v = String(v);
	if (v === '') return '""';
	const plain = /^[^\s\-?:,\[\]{}#&*!|>'"%@`][^#]*$/.test(v) && !/: |:$|\s$/.test(v) &&
		!/^(true|false|yes|no|null|~|on|off)$/i.test(v) && !/^[-+]?[0-9.]+$/.test(v);
	return plain ? v : JSON.stringify(v);
}

// The value of a block: a string, a list of strings, or a map of strings.
function blockValue(ls, b) {
	const rest = b.rest.trim();
	if (/^[|>][-+0-9]*$/.test(rest)) {
		const body = ls.slice(b.start + 1, b.end);
		const ind = Math.min(...body.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length), 99);
		return body.map((l) => l.slice(Math.min(ind, l.length))).join('\n');
	}
	if (rest && !rest.startsWith('#')) return unquote(rest);
	const body = ls.slice(b.start + 1, b.end).filter((l) => l.trim() && !/^\s*#/.test(l));
	if (body.length && /^\s*- /.test(body[0]) || body.length && /^\s*-$/.test(body[0]))
		return body.filter((l) => /^\s*-( |$)/.test(l)).map((l) => unquote(l.replace(/^\s*-\s?/, '')));
	const map = {};
	for (const l of body) {
		const m = /^\s+([A-Za-z_][\w-]*)\s*:(.*)$/.exec(l);
		if (m) map[m[1]] = unquote(m[2]);
	}
	return map;
}

function getValue(text, key) {
	const ls = lines(text);
	const b = blocks(ls).find((x) => x.key === key);
	return b ? blockValue(ls, b) : undefined;
}

function render(key, value) {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value))
		return value.length ? [key + ':'].concat(value.map((v) => '  - ' + quote(v))) : [];
	if (typeof value === 'object') {
		const ks = Object.keys(value).filter((k) => value[k] !== '');
		return ks.length ? [key + ':'].concat(ks.map((k) => '  ' + k + ': ' + quote(value[k]))) : [];
	}
	if (key === 'body' || value.includes('\n')) {
		if (value === '') return [];
		return [key + ': |'].concat(value.split('\n').map((l) => (l ? '  ' + l : '')));
	}
	if (value === '') return [];
	if ((key === 'number' || key === 'copies') && /^([0-9]+|auto)$/.test(value)) return [key + ': ' + value];
	if (key === 'date' && /^\d{4}-\d\d-\d\d$/.test(value)) return [key + ': ' + value];
	return [key + ': ' + quote(value)];
}

// The text with key's block replaced by value (removed when empty,
// appended when new). A map keeps the sub-keys the form does not show.
function setValue(text, key, value) {
	const ls = lines(text);
	const b = blocks(ls).find((x) => x.key === key);
	if (b && value && typeof value === 'object' && !Array.isArray(value)) {
		const old = blockValue(ls, b);
		if (typeof old === 'object' && !Array.isArray(old)) value = Object.assign({}, old, value);
	}
	const repl = render(key, value);
	if (b) ls.splice(b.start, b.end - b.start, ...repl);
	else if (repl.length) {
		while (ls.length && ls[ls.length - 1] === '') ls.pop();
		ls.push(...repl, '');
	}
	return ls.join('\n');
}

// The key path ("subject", "signature.name") a line of the text is in.
function keyAt(text, line) {
	const ls = lines(text);
	const bs = blocks(ls);
	const b = bs.find((x) => line - 1 >= x.start && line - 1 < Math.max(x.end, x.start + 1)) ||
		bs.filter((x) => x.start <= line - 1).pop();
	if (!b) return null;
	if (SUB[b.key]) {
		for (let i = line - 1; i > b.start; i--) {
			const m = /^\s+([A-Za-z_][\w-]*)\s*:/.exec(ls[i]);
			if (m) return b.key + '.' + m[1];
		}
	}
	return b.key;
}

// ---- The form.

function el(tag, attrs, ...kids) {
	const e = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (k === 'text') e.textContent = v;
		else e.setAttribute(k, v);
	}
	for (const k of kids) if (k) e.append(k);
	return e;
}

function errSlot(path) { return el('div', { class: 'err', 'data-err': path }); }

function input(path, kind, label) {
	let ctl;
	if (kind === 'textarea' || kind === 'markdown') {
		ctl = el('textarea', { rows: kind === 'markdown' ? 14 : 2 });
	} else if (kind === 'type') {
		ctl = el('select');
		for (const t of state.types.filter((x) => !x.certificate))
			ctl.append(el('option', { value: t.key, text: t.name + ' (' + t.key + ')' }));
	} else if (kind === 'urgency') {
		ctl = el('select');
		for (const [v, n] of URGENCY) ctl.append(el('option', { value: v, text: n }));
	} else if (kind === 'authority') {
		ctl = el('select');
	} else {
		ctl = el('input', { type: kind === 'date' ? 'date' : 'text' });
	}
	ctl.dataset.path = path;
	ctl.id = 'f-' + path.replace('.', '-');
	ctl.addEventListener('input', fromForm);
	ctl.addEventListener('change', fromForm);
	return el('div', { class: 'field', 'data-field': path }, el('label', { for: ctl.id, text: label }), ctl, errSlot(path));
}

function listField(key, label) {
	const box = el('fieldset', { class: 'field', 'data-field': key, 'data-list': key }, el('legend', { text: label }));
	const items = el('div', { class: 'items' });
	const add = el('button', { type: 'button', text: '+ Thêm dòng', class: 'add' });
	add.addEventListener('click', () => { addItem(items, ''); fromForm(); items.lastChild.querySelector('input').focus(); });
	box.append(items, add, errSlot(key));
	return box;
}

function addItem(items, v) {
	const inp = el('input', { type: 'text' });
	inp.value = v;
	inp.addEventListener('input', fromForm);
	const del = el('button', { type: 'button', text: '×', title: 'Xóa dòng' });
	del.addEventListener('click', () => { row.remove(); fromForm(); });
	const row = el('div', { class: 'list-item' }, inp, del);
	items.append(row);
}

function mapField(key, label) {
	const box = el('fieldset', { class: 'field', 'data-field': key }, el('legend', { text: label }));
	for (const [sub, sl] of SUB[key])
		box.append(input(key + '.' + sub, key === 'signature' && sub === 'authority' ? 'authority' : 'text', sl));
	box.append(errSlot(key));
	return box;
}

function buildForm() {
	const form = $('#fields');
	form.textContent = '';
	const more = el('details', {}, el('summary', { text: 'Trường khác' }));
	for (const k of state.schema) {
		if (k.kind === 'yaml') continue;
		let f;
		if (k.kind === 'list') f = listField(k.key, k.label);
		else if (k.kind === 'issuer' || k.kind === 'signature') f = mapField(k.key, k.label);
		else f = input(k.key, k.kind, k.label);
		(MAIN.includes(k.key) ? form : more).append(f);
	}
	form.append(more);
}

function setAuthorities(list) {
	const sel = $('#f-signature-authority');
	if (!sel || JSON.stringify(list) === JSON.stringify(state.authorities)) return;
	state.authorities = list;
	const cur = getValue($('#yaml').value, 'signature');
	sel.textContent = '';
	sel.append(el('option', { value: '', text: '(tự ký)' }));
	for (const a of list) sel.append(el('option', { value: a, text: a }));
	if (cur && cur.authority) sel.value = cur.authority;
}

// The form from the text (the focused control is left as the user has it).
function toForm() {
	const text = $('#yaml').value;
	for (const ctl of document.querySelectorAll('#fields [data-path]')) {
		if (ctl === document.activeElement) continue;
		const [k, sub] = ctl.dataset.path.split('.');
		let v = getValue(text, k);
		if (sub) v = v && typeof v === 'object' && !Array.isArray(v) ? v[sub] : '';
		if (typeof v !== 'string') v = v === undefined ? '' : String(v);
		if (ctl.tagName === 'SELECT' && v && ![...ctl.options].some((o) => o.value === v))
			ctl.append(el('option', { value: v, text: v }));
		ctl.value = v;
	}
	for (const box of document.querySelectorAll('#fields [data-list]')) {
		if (box.contains(document.activeElement)) continue;
		const v = getValue(text, box.dataset.list);
		const items = box.querySelector('.items');
		items.textContent = '';
		for (const s of Array.isArray(v) ? v : v ? [String(v)] : []) addItem(items, s);
	}
}

// The text from the form: each control writes its key's block.
function fromForm(ev) {
	let text = $('#yaml').value;
	const t = ev && ev.target;
	const path = t && t.dataset && t.dataset.path;
	if (path) {
		const [k, sub] = path.split('.');
		text = setValue(text, k, sub ? { [sub]: t.value } : t.value);
	} else {
		for (const box of document.querySelectorAll('#fields [data-list]')) {
			const vals = [...box.querySelectorAll('.items input')].map((i) => i.value).filter((v) => v.trim());
			text = setValue(text, box.dataset.list, vals);
		}
	}
	$('#yaml').value = text;
	changed();
}

// ---- Preview and diagnostics.

function changed() {
	state.dirty = true;
	state.changedAt = performance.now();
	status('Chưa lưu', false);
	$('#preview').classList.add('stale');
	clearTimeout(state.timer);
	state.timer = setTimeout(preview, 80);
}

function preview() {
	const seq = ++state.seq;
	const text = $('#yaml').value;
	return api('POST', '/api/preview?name=' + encodeURIComponent(state.name), text).then((r) => {
		if (seq !== state.seq) return; // a newer text is on its way
		const b = r.body;
		if (b.pages && b.pages.length) {
			const pv = $('#preview');
			pv.textContent = '';
			b.pages.forEach((svg, i) => {
				const page = el('div', { class: 'page', 'data-page': i + 1 });
				page.innerHTML = svg;
				pv.append(page);
			});
		}
		$('#preview').classList.toggle('stale', !b.ok);
		// From the last keystroke to the page drawn, the wait included.
		if (state.changedAt) $('#preview').dataset.ms = Math.round(performance.now() - state.changedAt);
		$('#preview').dataset.seq = seq;
		setAuthorities(b.authorities || []);
		showDiags(b.diagnostics || [], text);
	});
}

function showDiags(diags, text) {
	for (const s of document.querySelectorAll('[data-err]')) s.textContent = '';
	for (const f of document.querySelectorAll('.field.has-err')) f.classList.remove('has-err');
	const list = $('#diags'), ylist = $('#yaml-errs');
	list.textContent = '';
	ylist.textContent = '';
	for (const d of diags) {
		const where = d.file ? d.file + (d.line ? ':' + d.line : '') : d.line ? 'dòng ' + d.line + ', cột ' + d.col : '';
		const msg = SEVERITY[d.severity] + (where ? ' (' + where + ')' : '') + ': ' + d.message;
		const path = !d.file && d.line ? keyAt(text, d.line) : null;
		let slot = path && document.querySelector('[data-err="' + path + '"]');
		if (!slot && path) slot = document.querySelector('[data-err="' + path.split('.')[0] + '"]');
		if (slot) {
			if (slot.textContent) slot.textContent += '\n';
			slot.textContent += SEVERITY[d.severity] + ': ' + d.message;
			slot.className = d.severity === 'error' ? 'err' : 'warn';
			slot.closest('.field').classList.add('has-err');
		}
		const li = el('li', { class: d.severity, text: msg });
		li.addEventListener('click', () => goTo(d, path));
		list.append(li);
		if (!d.file && d.line) {
			const yl = el('li', { class: d.severity, text: 'Dòng ' + d.line + ': ' + d.message });
			yl.addEventListener('click', () => goTo(d, null));
			ylist.append(yl);
		}
	}
	$('#diags-box').hidden = !diags.length;
}

function goTo(d, path) {
	const ctl = path && document.querySelector('[data-path="' + path + '"]');
	if (ctl && !$('#fields').hidden) { ctl.focus(); return; }
	showTab('yaml');
	const ta = $('#yaml');
	const ls = lines(ta.value);
	let off = 0;
	for (let i = 0; i < d.line - 1 && i < ls.length; i++) off += ls[i].length + 1;
	ta.focus();
	ta.setSelectionRange(off, off + (ls[d.line - 1] || '').length);
}

function status(msg, bad) {
	const s = $('#status');
	s.textContent = msg;
	s.classList.toggle('bad', !!bad);
}

// ---- Views.

function showTab(which) {
	$('#fields').hidden = which !== 'form';
	$('#yaml-pane').hidden = which !== 'yaml';
	$('#tab-form').classList.toggle('active', which === 'form');
	$('#tab-yaml').classList.toggle('active', which === 'yaml');
	if (which === 'form') toForm();
}

function showList() {
	state.name = null;
	$('#edit-view').hidden = true;
	$('#list-view').hidden = false;
	return api('GET', '/api/list').then((r) => {
		$('#folder').textContent = r.body.dir;
		state.types = r.body.types;
		const sel = $('#new-type');
		sel.textContent = '';
		for (const t of state.types.filter((x) => !x.certificate))
			sel.append(el('option', { value: t.key, text: t.name }));
		sel.value = 'thong-bao';
		const tb = $('#docs tbody');
		tb.textContent = '';
		for (const d of r.body.docs) {
			const tr = el('tr', { 'data-name': d.name, class: d.valid ? '' : 'invalid' },
				el('td', { text: d.name }), el('td', { text: d.type_name || d.type }),
				el('td', { text: d.number }), el('td', { text: viDate(d.date) }), el('td', { text: d.subject }));
			tr.addEventListener('click', () => { location.hash = '#edit=' + encodeURIComponent(d.name); });
			tb.append(tr);
		}
		$('#no-docs').hidden = r.body.docs.length > 0;
	});
}

// 2021-12-10 as Vietnamese write it: 10/12/2021.
function viDate(s) {
	const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s || '');
	return m ? m[3] + '/' + m[2] + '/' + m[1] : s;
}

function openDoc(name) {
	return api('GET', '/api/file?name=' + encodeURIComponent(name)).then((r) => {
		if (r.status !== 200) { showList().then(() => { $('#new-err').textContent = refusal(r); }); return; }
		state.name = name;
		state.authorities = [];
		$('#list-view').hidden = true;
		$('#edit-view').hidden = false;
		$('#doc-name').textContent = name;
		$('#pdf').href = '/api/pdf?name=' + encodeURIComponent(name);
		$('#pdfa').href = '/api/pdf?name=' + encodeURIComponent(name) + '&pdfa=1';
		$('#yaml').value = r.body.text;
		buildForm();
		// A certificate batch has keys of its own: its YAML is edited as text.
		const type = state.types.find((t) => t.key === getValue(r.body.text, 'type'));
		const batch = !!(type && type.certificate);
		$('#tab-form').hidden = batch;
		showTab(batch ? 'yaml' : 'form');
		state.dirty = false;
		status('Đã mở', false);
		return preview();
	});
}

function route() {
	const m = /^#edit=(.+)$/.exec(location.hash);
	if (state.dirty && state.name && !confirm('Văn bản có thay đổi chưa lưu. Bỏ các thay đổi đó?')) {
		history.replaceState(null, '', '#edit=' + encodeURIComponent(state.name));
		return Promise.resolve();
	}
	state.dirty = false;
	const load = state.types.length ? Promise.resolve() : api('GET', '/api/list').then((r) => { state.types = r.body.types; });
	return load.then(() => (m ? openDoc(decodeURIComponent(m[1])) : showList()));
}

function save() {
	return api('POST', '/api/save?name=' + encodeURIComponent(state.name), $('#yaml').value).then((r) => {
		if (r.status === 200) {
			state.dirty = false;
			status('Đã lưu ' + state.name, false);
		} else {
			status('Chưa lưu: văn bản còn lỗi, tệp trên đĩa vẫn là bản tốt gần nhất', true);
			if (r.body.diagnostics) showDiags(r.body.diagnostics, $('#yaml').value);
			else status(refusal(r), true);
		}
	});
}

function issue() {
	if (state.dirty) { status('Hãy lưu trước khi cấp số', true); return; }
	return api('POST', '/api/issue?name=' + encodeURIComponent(state.name)).then((r) => {
		if (r.status === 200) status('Đã cấp số ' + r.body.number + '/' + r.body.code + ', tệp ' + r.body.pdf, false);
		else if (r.body.diagnostics) { status('Không cấp được số', true); showDiags(r.body.diagnostics, $('#yaml').value); }
		else status(refusal(r), true);
	});
}

function download(ev) {
	if (state.dirty) { ev.preventDefault(); status('Hãy lưu trước khi tải PDF: PDF được in từ tệp đã lưu', true); }
}

document.addEventListener('DOMContentLoaded', () => {
	api('GET', '/api/schema').then((r) => { state.schema = r.body.keys; route(); });
	window.addEventListener('hashchange', route);
	window.addEventListener('beforeunload', (e) => { if (state.dirty) { e.preventDefault(); e.returnValue = ''; } });
	$('#home').addEventListener('click', (e) => { e.preventDefault(); location.hash = ''; });
	$('#tab-form').addEventListener('click', () => showTab('form'));
	$('#tab-yaml').addEventListener('click', () => showTab('yaml'));
	$('#yaml').addEventListener('input', changed);
	$('#save').addEventListener('click', save);
	$('#issue').addEventListener('click', issue);
	$('#pdf').addEventListener('click', download);
	$('#pdfa').addEventListener('click', download);
	$('#fields').addEventListener('submit', (e) => e.preventDefault());
	$('#new-form').addEventListener('submit', (e) => {
		e.preventDefault();
		let name = $('#new-name').value.trim();
		if (name && !/\.(yaml|md)$/.test(name)) name += '.yaml';
		api('POST', '/api/new?type=' + encodeURIComponent($('#new-type').value) + '&name=' + encodeURIComponent(name)).then((r) => {
			if (r.status === 200) location.hash = '#edit=' + encodeURIComponent(r.body.name);
			else $('#new-err').textContent = refusal(r);
		});
	});
});
