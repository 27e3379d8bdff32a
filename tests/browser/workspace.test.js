// The workspace in headless Chromium: open it, create a notice from the
// template, type a subject and see the page change, make an error and see
// its message at the field, fix it, save, download the PDF and compare it
// with `vanban render` of the saved file. Run by tests/e2e/serve_browser.sh,
// which starts the server: URL, DIR, VANBAN and SHOTS come from it.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const { URL: url, DIR: dir, VANBAN: vanban, SHOTS: shots } = process.env;
let failed = 0;
function check(name, ok, why) {
	console.log((ok ? '[       OK ] ' : '[  FAILED  ] ') + name);
	if (!ok) {
		failed++;
		if (why) console.log('             ' + why);
	}
}

// Waits until fn(arg) is true in the page. page.evaluate, not
// waitForFunction: the page's Content-Security-Policy forbids the eval
// that waitForFunction's polling needs, and the test keeps the policy on.
async function until(page, fn, arg) {
	for (let i = 0; i < 400; i++) {
		if (await page.evaluate(fn, arg)) return;
		await new Promise((r) => setTimeout(r, 25));
	}
	throw new Error('waited 10 s in vain for ' + fn.toString().slice(0, 120));
}

// The text of the preview's pages.
const previewText = (page) => page.$$eval('#preview .page text', (ts) => ts.map((t) => t.textContent).join(' '));

(async () => {
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
	const context = await browser.newContext({ acceptDownloads: true, locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	// The refused name (409) and save (422): the failed loads expected.
	page.on('console', (m) => { if (m.type() === 'error' && !/status of (409|422)/.test(m.text())) errors.push(m.text()); });

	await page.goto(url + '/');
	await page.waitForSelector('#docs tbody tr');
	check('the workspace lists the folder', (await page.textContent('#docs tbody')).includes('Về việc thăm hỏi, tặng quà'));
	check('the page is in Vietnamese', (await page.getAttribute('html', 'lang')) === 'vi');
	await page.screenshot({ path: path.join(shots, 'list.png') });

	// A name already taken is refused, in Vietnamese.
	await page.fill('#new-name', 'thong-bao-cong-doan.yaml');
	await page.click('#new-create');
	await until(page, () => document.querySelector('#new-err').textContent !== '');
	const taken = await page.textContent('#new-err');
	check('a name already taken is refused', taken === 'Đã có tệp tên này (a document of that name is already there)', taken);

	// A notice from the template.
	await page.selectOption('#new-type', 'thong-bao');
	await page.fill('#new-name', 'thong-bao-moi');
	await page.click('#new-create');
	await page.waitForSelector('#preview .page svg');
	check('the new notice opens in the editor', (await page.textContent('#doc-name')) === 'thong-bao-moi.yaml');
	check('its file was made from the template', fs.existsSync(path.join(dir, 'thong-bao-moi.yaml')));
	check('the preview shows its title', (await previewText(page)).includes('THÔNG BÁO'));
	check('the form shows its type', (await page.inputValue('#f-type')) === 'thong-bao');
	check('the date is a date field', (await page.getAttribute('#f-date', 'type')) === 'date');
	const auths = await page.$$eval('#f-signature-authority option', (os) => os.map((o) => o.value));
	check('the signer authority is a choice of the style\'s', auths.join(' ') === ' TM. KT. TL. TUQ. Q.', auths.join(' '));

	// Type a subject: the page changes.
	const subject = 'Về việc tổ chức Hội nghị tổng kết năm học';
	const t0 = Date.now();
	await page.fill('#f-subject', subject);
	await until(page, () => [...document.querySelectorAll('#preview .page text')]
		.map((t) => t.textContent).join(' ').includes('tổng kết năm học'));
	console.log('             (the page changed ' + (await page.getAttribute('#preview', 'data-ms')) +
		' ms after the keystroke, the 80 ms wait included; ' + (Date.now() - t0) + ' ms as the test saw it)');
	check('the subject appears on the page', (await previewText(page)).includes('Hội nghị tổng kết năm học'));
	check('the YAML view follows the form', (await page.inputValue('#yaml')).includes('subject: ' + subject));

	// Recipients as a list.
	await page.click('[data-list="recipients"] .add');
	await page.fill('[data-list="recipients"] .list-item:last-child input', 'Các phòng chuyên môn');
	await until(page, () => document.querySelector('#yaml').value.includes('  - Các phòng chuyên môn'));
	check('a recipient added in the form is in the YAML', true);

	// An error, shown at its field.
	await page.fill('#f-number', 'mười lăm');
	const slot = '[data-err="number"]';
	await until(page, (s) => document.querySelector(s).textContent.length > 0, slot);
	const msg = await page.textContent(slot);
	check('the error is shown at the number field', msg === 'Lỗi: \'number\' phải là số nguyên hoặc auto, nhưng đang là "mười lăm"', msg);
	check('the field is marked', await page.$eval('[data-field="number"]', (f) => f.classList.contains('has-err')));
	check('the list of errors gives its line', (await page.textContent('#diags')).includes('dòng 6, cột 9'));
	await page.screenshot({ path: path.join(shots, 'error.png') });
	// Saving it is refused; the file keeps the last good text.
	const before = fs.readFileSync(path.join(dir, 'thong-bao-moi.yaml'), 'utf8');
	await page.click('#save');
	await until(page, () => document.querySelector('#status').classList.contains('bad'));
	check('saving with an error is refused', fs.readFileSync(path.join(dir, 'thong-bao-moi.yaml'), 'utf8') === before);

	// Fixed in the YAML view: the form follows.
	await page.click('#tab-yaml');
	const yaml = (await page.inputValue('#yaml')).replace('number: mười lăm', 'number: 15');
	await page.fill('#yaml', yaml);
	await until(page, (s) => document.querySelector(s).textContent === '', slot);
	check('the error is gone once fixed', (await page.textContent('#diags')) === '');
	await page.click('#tab-form');
	check('the form follows the YAML view', (await page.inputValue('#f-number')) === '15');
	await until(page, () => [...document.querySelectorAll('#preview .page text')]
		.some((t) => t.textContent.includes('15/TB')));
	check('the page shows the number', (await previewText(page)).includes('15/TB'));
	await page.screenshot({ path: path.join(shots, 'editor.png') });

	// Save, and download the PDF.
	await page.click('#save');
	await until(page, () => document.querySelector('#status').textContent.startsWith('Đã lưu'));
	const saved = path.join(dir, 'thong-bao-moi.yaml');
	check('the saved file is the text of the editor', fs.readFileSync(saved, 'utf8') === (await page.inputValue('#yaml')));
	const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#pdf')]);
	const got = path.join(shots, 'downloaded.pdf');
	await dl.saveAs(got);
	check('the download is named after the document', dl.suggestedFilename() === 'thong-bao-moi.pdf', dl.suggestedFilename());
	const cli = path.join(shots, 'cli.pdf');
	execFileSync(vanban, ['render', saved, '-o', cli]);
	check('the PDF downloaded equals vanban render of the saved file, byte for byte',
		Buffer.compare(fs.readFileSync(got), fs.readFileSync(cli)) === 0);

	const [dla] = await Promise.all([page.waitForEvent('download'), page.click('#pdfa')]);
	const gota = path.join(shots, 'downloaded-a.pdf');
	await dla.saveAs(gota);
	const clia = path.join(shots, 'cli-a.pdf');
	execFileSync(vanban, ['render', '--pdfa', saved, '-o', clia]);
	check('the PDF/A downloaded equals vanban render --pdfa, byte for byte',
		Buffer.compare(fs.readFileSync(gota), fs.readFileSync(clia)) === 0);

	// A number from the register: number auto, saved, issued.
	await page.fill('#f-number', 'auto');
	await until(page, () => document.querySelector('#yaml').value.includes('\nnumber: auto\n'));
	await page.click('#save');
	await until(page, () => document.querySelector('#status').textContent.startsWith('Đã lưu'));
	await page.click('#issue');
	await until(page, () => document.querySelector('#status').textContent.startsWith('Đã cấp số'));
	const st = await page.textContent('#status');
	check('the register gives number 1', st === 'Đã cấp số 1/TB-CQ, tệp thong-bao-moi.pdf', st);
	check('the issued PDF is beside the document', fs.existsSync(path.join(dir, 'thong-bao-moi.pdf')));

	// Back to the list: the new notice is there with its subject.
	await page.click('#home');
	await page.waitForSelector('#docs tbody tr[data-name="thong-bao-moi.yaml"]');
	check('the list shows the new notice\'s subject',
		(await page.textContent('#docs tbody tr[data-name="thong-bao-moi.yaml"]')).includes(subject));
	// A two-page notice: its pages, and the time to redraw them.
	await page.click('#docs tbody tr[data-name="thong-bao-cong-doan.yaml"]');
	await until(page, () => document.querySelectorAll('#preview .page svg').length === 2);
	check('the two-page notice shows two pages', true);
	await page.fill('#f-subject', 'Về việc thăm hỏi đoàn viên dịp Tết');
	await until(page, () => [...document.querySelectorAll('#preview .page text')]
		.some((t) => t.textContent.includes('dịp Tết') && !t.textContent.includes('Nguyên')));
	console.log('             (two pages: drawn ' + (await page.getAttribute('#preview', 'data-ms')) +
		' ms after the keystroke, the 80 ms wait included)');
	await page.screenshot({ path: path.join(shots, 'two-pages.png') });
	check('the changed subject is on the page', (await previewText(page)).includes('thăm hỏi đoàn viên dịp Tết'));

	check('no script error in the page', errors.length === 0, errors.join('; '));
	await browser.close();
	process.exit(failed ? 1 : 0);
})().catch((e) => {
	console.log('[  FAILED  ] the browser test stopped: ' + e.message);
	process.exit(1);
});
