// browser.mjs — safepath's web application in a real browser (make check).
//
//   node tests/web/browser.mjs BUILD/safepath
//
// Starts `safepath serve` on 127.0.0.1 with a port the system picks and a new
// database in a temporary folder, drives Debian's chromium (headless) through
// Playwright, and checks the pages against the contract of
// docs/internals/web.md: start page, the interview end to end in English and
// in French, results and their print view, directory search, service page,
// referral slip, quick exit, the path without JavaScript, a phone screen, the
// security headers and a form posted from another site. axe-core runs on each
// page: a violation of impact serious or critical fails the check.
//
// Nothing is loaded from outside the machine: every request to another host
// is aborted and fails the check that made it. The quick exit's neutral site
// and the page "before" it are answered here with a local stub, never fetched.
// A message of the Content-Security-Policy in the console, an uncaught page
// error or a page asset (CSS, JS) answered with an error also fail the check.
//
// Prints "ok NAME" or "FAIL NAME: why" per check and ends with one line
// "N passed, N failed" (tests/run.sh reads it); exits 1 on any failure.
// Screenshots go to $SCREENSHOTS, else build/screenshots/ (created).
//
// Environment: SAFEPATH_CHROMIUM (default /usr/bin/chromium), SCREENSHOTS,
// WEB_CHECKS (comma-separated names: run only those, for debugging).
// Limits: each check has 90 s. The whole run took 75-110 s on 2 cores shared with
// other builds (load 7-10); an idle machine is faster.

import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const CHROMIUM = process.env.SAFEPATH_CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.resolve(process.env.SCREENSHOTS || path.join(root, 'build/screenshots'));
const AXE = readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CHECK_MS = 90000;   // a hang, not a slow machine: 4 × the usual time under load
const ACTION_MS = 10000;

// ---- the scenario --------------------------------------------------------
// A made-up worker: in Ontario, not a citizen (temporary resident on a permit
// tied to the employer), left the job about two months ago, wages unpaid,
// papers kept by the employer, cut off from others. Every other yes/no
// question is answered "no"; other dates and lists are skipped. The engine
// places this at "signs of forced labour" (ILO reading marked unverified),
// with Ontario's employment standards remedy and the open work permit for
// vulnerable workers available.

function daysAgo(n) {
	const d = new Date(Date.now() - n * 86400000);
	return d.toISOString().slice(0, 10);
}
const LEFT_ON = daysAgo(57);
const SCENARIO = {
	province: 'on',
	still_working: 'false',
	last_day_of_work: LEFT_ON,
	last_incident_date: LEFT_ON,
	unpaid_wages: 'true',
	retention_of_documents: 'true',
	isolation: 'true',
	in_canada: 'true',
	status: 'temporary_resident',
	employer_specific_permit: 'true',
	abuse_at_work: 'true',
	claim_made: 'false',
	removal_order: 'false',
};
// Answer values that must never show in a URL (the generic true/false/on
// are checked through the query string instead).
const TELLTALE = [LEFT_ON, 'temporary_resident', 'prefer_not_to_say'];

const LEVEL = { en: 'Signs of forced labour', fr: 'Indices de travail forcé' };
const UNVERIFIED = { en: 'Unverified', fr: 'Non vérifié' };

// ---- small helpers -------------------------------------------------------

class Check {
	constructor(name) {
		this.name = name;
		this.errors = [];
		this.notes = [];
	}
	// A soft assertion: recorded, the check goes on.
	expect(cond, msg) {
		if (!cond) this.errors.push(msg);
		return !!cond;
	}
	// A hard one: the check stops here.
	must(cond, msg) {
		if (!cond) {
			this.errors.push(msg);
			throw new Stop();
		}
	}
	note(msg) {
		this.notes.push(msg);
	}
}
class Stop extends Error {}

function short(s, n = 160) {
	s = String(s).replace(/\s+/g, ' ').trim();
	return s.length > n ? s.slice(0, n) + '…' : s;
}

// ---- the server ----------------------------------------------------------

async function startServer(bin, dir) {
	const db = path.join(dir, 'web.db');
	const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--db', db, '--quiet'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', (d) => {
		if (stderr.length < 4000) stderr += d;
	});
	const first = await new Promise((resolve) => {
		const rl = readline.createInterface({ input: child.stdout });
		const timer = setTimeout(() => resolve({ err: 'no "serving on" line within 20 s' }), 20000);
		rl.once('line', (line) => {
			clearTimeout(timer);
			resolve({ line });
		});
		child.once('exit', (code, sig) => {
			clearTimeout(timer);
			resolve({ err: `exited (${sig || code}) before serving` });
		});
		child.once('error', (e) => {
			clearTimeout(timer);
			resolve({ err: e.message });
		});
	});
	const m = first.line && /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(first.line);
	if (!m) {
		child.kill('SIGKILL');
		const why = first.err || `unexpected first line: ${short(first.line)}`;
		return { err: `${why}${stderr ? ' — stderr: ' + short(stderr, 400) : ''}` };
	}
	child.stdout.resume();
	return { child, base: new URL(m[1]) };
}

async function stopServer(child) {
	if (!child || child.exitCode !== null || child.signalCode) return;
	const gone = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	const t = setTimeout(() => child.kill('SIGKILL'), 3000);
	await gone;
	clearTimeout(t);
}

// ---- browser contexts ----------------------------------------------------

let browser, BASE;

const STUB_HTML = (title) =>
	`<!DOCTYPE html><html lang="en"><head><title>${title}</title></head>` +
	`<body><main><h1>${title}</h1></main></body></html>`;

// A context whose every request to another origin is aborted and recorded,
// except the URLs in ctx.stubs (origin + path), answered with a local page.
async function newContext(c, opts = {}) {
	const ctx = await browser.newContext({ acceptDownloads: true, ...opts });
	ctx.setDefaultTimeout(ACTION_MS);
	ctx.setDefaultNavigationTimeout(ACTION_MS);
	ctx.stubs = new Map();
	ctx.check = c;
	await ctx.route('**/*', (route) => {
		const req = route.request();
		let u;
		try {
			u = new URL(req.url());
		} catch {
			return route.abort('blockedbyclient');
		}
		if (u.origin === BASE.origin) return route.continue();
		const key = u.origin + u.pathname;
		if (ctx.stubs.has(key)) {
			const hits = ctx.stubs.get(key);
			hits.push({ url: req.url(), referer: req.headers()['referer'] || '' });
			return route.fulfill({ status: 200, contentType: 'text/html', body: hits.body || STUB_HTML('stub') });
		}
		// Only the origin and path: a query could hold anything.
		c.errors.push(`request outside the machine attempted: ${key}`);
		return route.abort('blockedbyclient');
	});
	return ctx;
}

async function newPage(ctx) {
	const page = await ctx.newPage();
	const c = ctx.check;
	page.on('console', (msg) => {
		const t = msg.text();
		if (/Refused to|Content Security Policy/i.test(t)) c.errors.push(`console: ${short(t, 220)}`);
	});
	page.on('pageerror', (e) => c.errors.push(`page error: ${short(e.message)}`));
	page.on('response', (r) => {
		const req = r.request();
		const u = new URL(r.url());
		if (req.resourceType() === 'document' && req.frame() === page.mainFrame()) lastStatus.set(page, `${req.method()} ${u.pathname} ${r.status()}`);
		if (u.origin !== BASE.origin || req.resourceType() === 'document') return;
		if (u.pathname === '/favicon.ico') return;
		if (r.status() >= 400) c.errors.push(`${req.method()} ${u.pathname} answered ${r.status()}`);
	});
	return page;
}

// The last page load of each tab, "METHOD /path STATUS", for messages.
const lastStatus = new WeakMap();
const where = (page) => lastStatus.get(page) || page.url();

const url = (p) => new URL(p, BASE).href;
const pathOf = (page) => {
	const u = new URL(page.url());
	return u.origin === BASE.origin ? u.pathname + u.search : u.href;
};

// Runs action (a click that submits or follows a link) and waits for the page
// it leads to. A failing action is reported as itself, not as a timeout.
async function nav(page, action) {
	const done = page.waitForNavigation({ waitUntil: 'load' });
	try {
		await action();
	} catch (e) {
		done.catch(() => {});
		throw e;
	}
	return done;
}

async function shot(page, name, c, opts = {}) {
	try {
		await page.screenshot({ path: path.join(SHOTS, name), fullPage: true, ...opts });
	} catch (e) {
		c.errors.push(`screenshot ${name}: ${short(e.message)}`);
	}
}

async function axe(page, c, label) {
	try {
		await page.evaluate(AXE);
		const r = await page.evaluate(() =>
			// eslint-disable-next-line no-undef
			axe.run(document, { resultTypes: ['violations'] }).then((res) =>
				res.violations.map((v) => ({
					id: v.id,
					impact: v.impact,
					targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
				})),
			),
		);
		for (const v of r) {
			const line = `axe ${label}: ${v.id} (${v.impact}) at ${v.targets.join(', ')}`;
			if (v.impact === 'serious' || v.impact === 'critical') c.errors.push(line);
			else c.note(line);
		}
	} catch (e) {
		c.errors.push(`axe ${label} did not run: ${short(e.message)}`);
	}
}

// The frame every page shares (docs/internals/web.md, "Every page").
async function frame(page, c, lang, label) {
	const got = await page.evaluate(() => ({
		lang: document.documentElement.lang,
		exit: document.getElementById('quick-exit')?.tagName,
		exitHref: document.getElementById('quick-exit')?.getAttribute('href') || '',
		sw: !!document.getElementById('lang-switch'),
		main: document.querySelector('main#main') !== null,
		skip: document.querySelector('a[href="#main"]') !== null,
		help: [...document.querySelectorAll('footer a')].map((a) => a.getAttribute('href')),
	}));
	c.expect(got.lang === lang, `${label}: <html lang> is "${got.lang}", expected "${lang}"`);
	c.expect(got.exit === 'A', `${label}: no <a id="quick-exit">`);
	c.expect(/^https?:\/\//.test(got.exitHref), `${label}: #quick-exit href "${short(got.exitHref, 60)}" is not an http(s) address`);
	c.expect(got.sw, `${label}: no #lang-switch`);
	c.expect(got.main, `${label}: no <main id="main">`);
	c.expect(got.skip, `${label}: no skip link to #main`);
	c.expect(got.help.some((h) => h === `/${lang}/help`), `${label}: no footer link to /${lang}/help`);
	return got;
}

// ---- the interview -------------------------------------------------------

async function state(page) {
	return page.evaluate(() => {
		const f = document.getElementById('interview');
		const isResults = !!document.getElementById('level');
		if (!f) return { kind: isResults ? 'results' : 'other', title: document.title, h1: document.querySelector('h1')?.textContent.trim() || '' };
		const val = (n) => f.querySelector(`input[name="${n}"]`)?.value ?? null;
		const answers = {};
		for (const e of f.querySelectorAll('input[type=hidden]')) if (e.name.startsWith('a.')) answers[e.name.slice(2)] = e.value;
		const prog = document.getElementById('progress');
		return {
			kind: 'question',
			q: val('q'),
			asked: val('asked'),
			skipped: val('skipped'),
			answers,
			legend: document.getElementById('question')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
			inFieldset: !!document.querySelector('#interview fieldset legend#question'),
			progress: prog ? prog.textContent.replace(/\s+/g, ' ').trim() : null,
			progressBar: !!(prog && (prog.tagName === 'PROGRESS' || prog.querySelector('progress'))),
			radios: [...f.querySelectorAll('input[name=v][type=radio]')].map((e) => e.value),
			date: !!f.querySelector('input[name=v][type=date]'),
			buttons: ['btn-next', 'btn-skip', 'btn-decline', 'btn-back', 'btn-results'].filter((id) => document.getElementById(id)),
		};
	});
}

const progressNumber = (s) => {
	const m = s && /(\d+)/.exec(s);
	return m ? Number(m[1]) : NaN;
};

// What to do with the question `st`: a value, or 'skip' / 'decline'.
function choose(st, plan) {
	if (plan.skipFact === undefined && !(st.q in SCENARIO)) {
		plan.skipFact = st.q;
		return 'skip';
	}
	if (plan.declineFact === undefined && plan.skipFact !== st.q && !(st.q in SCENARIO)) {
		plan.declineFact = st.q;
		return 'decline';
	}
	if (st.q in SCENARIO) return SCENARIO[st.q];
	if (st.radios.includes('false')) return 'false';
	return 'skip';
}

async function answer(page, st, what) {
	if (what === 'skip') return nav(page, () => page.click('#btn-skip'));
	if (what === 'decline') return nav(page, () => page.click('#btn-decline'));
	if (st.date) await page.fill('#interview input[name=v][type=date]', what);
	else await page.check(`#interview input[name=v][value="${what}"]`);
	return nav(page, () => page.click('#btn-next'));
}

// Walks the interview from the current question page to the results.
// plan: { skip: bool, decline: bool, backAt: N (go back once after N answers),
//         maxAnswers: N (then press "see results"), onQuestion(st, n) }.
// Returns the last state. Records every URL the page shows in plan.urls.
async function walk(page, c, plan) {
	let n = 0;
	if (!plan.skip) plan.skipFact = null;
	if (!plan.decline) plan.declineFact = null;
	let st = await state(page);
	let prev = null;
	for (let steps = 0; steps < 80; steps++) {
		if (st.kind !== 'question') return st;
		c.must(st.q, `question page without a hidden "q" field (at ${pathOf(page)})`);
		if (plan.onQuestion) await plan.onQuestion(st, n);
		if (plan.maxAnswers !== undefined && n >= plan.maxAnswers) {
			await nav(page, () => page.click('#btn-results'));
			return state(page);
		}
		if (plan.backAt !== undefined && n === plan.backAt && prev && !plan.backDone) {
			plan.backDone = true;
			await nav(page, () => page.click('#btn-back'));
			const back = await state(page);
			c.expect(back.kind === 'question' && back.q === prev.q,
				`Back: expected the previous question (${prev.q}) again, got ${back.kind === 'question' ? back.q : back.kind}`);
			c.expect(back.legend === prev.legend, `Back: the question text changed ("${short(back.legend, 60)}")`);
			c.expect(!(prev.q in back.answers), `Back: the answer to ${prev.q} is still in the form`);
			c.expect(!(back.skipped || '').split(',').includes(prev.q), `Back: ${prev.q} is still in "skipped"`);
			// Back undoes a skip or a "prefer not to say" too: do it again.
			if (back.q === plan.skipFact) plan.skipFact = undefined;
			if (back.q === plan.declineFact) plan.declineFact = undefined;
			st = back;
			continue;
		}
		const what = choose(st, plan);
		if (plan.skipFact && st.q === plan.skipFact && what !== 'skip') c.errors.push(`skipped question ${st.q} was asked again`);
		prev = st;
		await answer(page, st, what);
		n++;
		const next = await state(page);
		if (next.kind === 'question') {
			if (next.q === st.q) {
				const why = (await page.$('#answer-error')) ? ' with #answer-error' : '';
				c.must(false, `the ${what === 'skip' || what === 'decline' ? what : 'answer'} to ${st.q} was not taken (the same question came back${why})`);
			}
			if (what === 'decline') c.expect(next.answers[st.q] === 'prefer_not_to_say', `declined ${st.q}: hidden a.${st.q} is "${next.answers[st.q]}", expected prefer_not_to_say`);
			if (what === 'skip') c.expect((next.skipped || '').split(',').includes(st.q), `skipped ${st.q}: not in the "skipped" field`);
		}
		st = next;
	}
	c.must(false, 'more than 80 steps without reaching the results');
}

function watchUrls(page, list) {
	page.on('framenavigated', (f) => {
		if (f === page.mainFrame()) list.push(f.url());
	});
}

function checkUrls(c, urls) {
	for (const u of urls) {
		const p = new URL(u);
		if (p.origin !== BASE.origin) continue;
		const leak = TELLTALE.find((v) => u.includes(v)) || (/[?&](a\.|v=)/.test(p.search) ? 'a form field' : '');
		c.expect(!leak, `an answer reached a URL: ${p.pathname} (${leak === LEFT_ON ? 'a date' : leak})`);
		if (/\/(interview|results)$/.test(p.pathname)) c.expect(p.search === '', `${p.pathname} has a query string`);
	}
}

// The results page (docs/internals/web.md, "Results").
async function results(page, c, lang, full) {
	const r = await page.evaluate(() => {
		const t = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
		const level = document.getElementById('level');
		const links = [...document.querySelectorAll('#remedies a, #pathways a, #level a')].map((a) => a.getAttribute('href') || '');
		return {
			lang: document.documentElement.lang,
			form: !!document.querySelector('form#answers'),
			hidden: Object.fromEntries([...document.querySelectorAll('form#answers input[type=hidden]')].filter((e) => e.name.startsWith('a.')).map((e) => [e.name.slice(2), e.value])),
			level: t(level),
			reasons: level ? level.querySelectorAll('li').length : 0,
			remedies: document.querySelectorAll('#remedies article.remedy').length,
			avenues: [...document.querySelectorAll('#pathways article.avenue')].map((a) => ({
				status: [...a.querySelectorAll('.status')].flatMap((s) => [...s.classList]).filter((k) => k.startsWith('status-')),
			})),
			unverified: [...document.querySelectorAll('.unverified')].map(t),
			links,
			services: t(document.getElementById('services')),
			serviceLinks: [...document.querySelectorAll('#services a')].map((a) => a.getAttribute('href') || ''),
			notice: !!document.getElementById('legal-notice'),
			buttons: ['btn-print', 'btn-change', 'btn-save'].filter((id) => document.getElementById(id)),
		};
	});
	c.expect(r.lang === lang, `results: <html lang> "${r.lang}"`);
	c.expect(r.form, 'results: no <form id="answers">');
	c.expect(r.level.length > 0, 'results: #level is empty');
	c.expect(r.notice, 'results: no #legal-notice');
	for (const b of ['btn-print', 'btn-change', 'btn-save']) c.expect(r.buttons.includes(b), `results: no #${b}`);
	if (!full) return r;
	c.expect(r.level.includes(LEVEL[lang]), `results: #level does not say "${LEVEL[lang]}" (has "${short(r.level, 80)}")`);
	c.expect(r.reasons > 0, 'results: #level has no reasons list');
	c.expect(r.hidden.province === 'on', `results: hidden a.province is "${r.hidden.province}"`);
	c.expect(r.remedies > 0, 'results: no <article class="remedy"> in #remedies');
	c.expect(r.avenues.length > 0, 'results: no <article class="avenue"> in #pathways');
	c.expect(r.avenues.every((a) => a.status.length > 0), 'results: an avenue without class="status status-…"');
	c.expect(r.avenues.some((a) => a.status.includes('status-available')), 'results: no avenue with status-available (the open work permit)');
	c.expect(r.unverified.length > 0, 'results: nothing marked class="unverified"');
	c.expect(r.unverified.some((u) => u.includes(UNVERIFIED[lang])), `results: no .unverified saying "${UNVERIFIED[lang]}"`);
	const cites = r.links.filter((h) => /^https?:\/\//.test(h));
	c.expect(cites.length > 0, 'results: no citation link with an http(s) address');
	const odd = r.links.filter((h) => !/^(https?:\/\/|\/|#)/.test(h));
	c.expect(odd.length === 0, `results: links with odd addresses: ${odd.slice(0, 3).join(' ')}`);
	c.expect(r.services.includes('Employment Standards Program (Ontario)'), 'results: #services does not list the Employment Standards Program (Ontario)');
	c.expect(r.serviceLinks.some((h) => h.startsWith(`/${lang}/directory/services/`)), `results: no link from #services to /${lang}/directory/services/…`);
	return r;
}

// ---- the checks ----------------------------------------------------------

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check('headers', async (c) => {
	const ctx = await newContext(c);
	const page = await newPage(ctx);
	const resp = await page.goto(url('/en/'));
	c.must(resp, 'no response for /en/');
	c.expect(resp.status() === 200, `/en/ answered ${resp.status()}`);
	const h = resp.headers();
	const csp = h['content-security-policy'] || '';
	for (const d of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'"])
		c.expect(csp.includes(d), `CSP lacks ${d} (is "${short(csp, 200)}")`);
	c.expect(!/unsafe-inline|unsafe-eval|\*/.test(csp), 'CSP allows unsafe-inline, unsafe-eval or *');
	const want = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'no-referrer',
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin',
	};
	for (const [k, v] of Object.entries(want)) c.expect((h[k] || '').toLowerCase() === v.toLowerCase(), `${k}: "${h[k] || ''}", expected "${v}"`);
	c.expect(/camera=\(\)/.test(h['permissions-policy'] || ''), `permissions-policy: "${h['permissions-policy'] || ''}"`);
	c.expect(/no-store/.test(h['cache-control'] || ''), `cache-control on /en/: "${h['cache-control'] || ''}"`);
	const cookie = (await ctx.cookies()).find((k) => k.name === 'sp_id');
	c.expect(cookie, 'no sp_id cookie');
	if (cookie) {
		c.expect(cookie.httpOnly, 'sp_id is not HttpOnly');
		c.expect(cookie.sameSite === 'Strict', `sp_id SameSite=${cookie.sameSite}`);
		c.expect(cookie.path === '/', `sp_id Path=${cookie.path}`);
	}
	const css = await page.request.get(url('/static/app.css'));
	c.expect(css.status() === 200, `/static/app.css answered ${css.status()}`);
	c.expect(!/no-store/.test(css.headers()['cache-control'] || ''), '/static/app.css is no-store');
	c.expect(css.headers()['content-security-policy'], '/static/app.css has no CSP');
	const js = await page.request.get(url('/static/app.js'));
	c.expect(js.status() === 200, `/static/app.js answered ${js.status()}`);
	const root = await page.request.get(url('/'), { maxRedirects: 0, headers: { 'accept-language': 'fr-CA,fr;q=0.9' } });
	c.expect(root.status() === 303 && /\/fr\/$/.test(root.headers()['location'] || ''), `/ with Accept-Language fr: ${root.status()} to "${root.headers()['location'] || ''}"`);
	const nf = await page.goto(url('/en/no-such-page'));
	c.expect(nf && nf.status() === 404, `/en/no-such-page answered ${nf && nf.status()}`);
	await frame(page, c, 'en', '404 page');
	await axe(page, c, '404 page');
	await ctx.close();
});

for (const lang of ['en', 'fr']) {
	const other = lang === 'en' ? 'fr' : 'en';
	check(`start-${lang}`, async (c) => {
		const ctx = await newContext(c);
		const page = await newPage(ctx);
		const resp = await page.goto(url(`/${lang}/`));
		c.must(resp && resp.status() === 200, `/${lang}/ answered ${resp && resp.status()}`);
		await frame(page, c, lang, `/${lang}/`);
		const s = await page.evaluate(() => ({
			notice: document.getElementById('legal-notice')?.textContent.trim() || '',
			start: document.getElementById('start-interview')?.getAttribute('href'),
			dir: document.getElementById('open-directory')?.getAttribute('href'),
			load: document.querySelector('details#load-answers form#load-form') !== null,
			ta: document.querySelector('#load-form textarea[name=answers_json]') !== null,
			act: document.querySelector('#load-form [name=act][value=load]') !== null,
			h1: document.querySelectorAll('h1').length,
		}));
		c.expect(s.notice.length > 20, 'no #legal-notice text');
		c.expect(s.start === `/${lang}/interview`, `#start-interview href "${s.start}"`);
		c.expect(s.dir === `/${lang}/directory`, `#open-directory href "${s.dir}"`);
		c.expect(s.load, 'no <details id="load-answers"> with <form id="load-form">');
		c.expect(s.ta, 'no textarea answers_json in #load-form');
		c.expect(s.act, 'no act=load in #load-form');
		c.expect(s.h1 === 1, `${s.h1} <h1> elements`);
		for (const e of await page.$$('.no-js-only')) c.expect(!(await e.isVisible()), 'a .no-js-only element is visible with JavaScript on');
		await shot(page, `start-${lang}.png`, c);
		await axe(page, c, `/${lang}/`);
		await nav(page, () => page.click('#lang-switch'));
		c.expect(pathOf(page) === `/${other}/`, `lang switch went to ${pathOf(page)}, expected /${other}/`);
		c.expect((await page.getAttribute('html', 'lang')) === other, 'lang switch: <html lang> did not change');
		// It keeps the path (the help page).
		await page.goto(url(`/${lang}/help`));
		await frame(page, c, lang, `/${lang}/help`);
		await axe(page, c, `/${lang}/help`);
		await nav(page, () => page.click('#lang-switch'));
		c.expect(pathOf(page) === `/${other}/help`, `lang switch on /${lang}/help went to ${pathOf(page)}`);
		await ctx.close();
	});
}

check('load-answers', async (c) => {
	const ctx = await newContext(c);
	const page = await newPage(ctx);
	await page.goto(url('/en/'));
	c.must(await page.$('#load-form'), 'no #load-form on /en/');
	await page.click('#load-answers summary');
	const sample = path.join(root, 'data/samples/answers/caregiver-on-today.json');
	if (await page.$('#answers-file')) {
		// app.js reads a chosen file into the text area; nothing is sent yet.
		await page.setInputFiles('#answers-file', sample);
		await page.waitForFunction(() => document.querySelector('#load-form textarea[name=answers_json]').value.includes('"province"'), null, { timeout: 5000 })
			.catch(() => c.errors.push('#answers-file: the chosen file did not reach the text area'));
	} else {
		c.note('no #answers-file (file picker); the text area is filled directly');
		await page.fill('#load-form textarea[name=answers_json]', readFileSync(sample, 'utf8'));
	}
	await nav(page, () => page.click('#load-form [type=submit]'));
	const st = await state(page);
	c.must(st.kind === 'question' || st.kind === 'results', `after loading: neither a question nor the results (${st.kind}: "${short(st.h1 || st.title, 60)}", ${where(page)})`);
	const got = st.kind === 'question' ? st.answers : (await results(page, c, 'en', false)).hidden;
	c.expect(got.province === 'on' && got.status === 'temporary_resident', `loaded answers not in the form (province "${got.province}", status "${got.status}")`);
	checkUrls(c, [page.url()]);
	await ctx.close();
});

check('interview-en', async (c) => {
	const ctx = await newContext(c);
	const page = await newPage(ctx);
	const urls = [];
	watchUrls(page, urls);
	await page.goto(url('/en/'));
	await nav(page, () => page.click('#start-interview'));
	c.expect(pathOf(page) === '/en/interview', `start-interview went to ${pathOf(page)}`);
	let st = await state(page);
	c.must(st.kind === 'question', `/en/interview shows no question (${st.kind}: "${short(st.h1 || st.title, 60)}", ${where(page)})`);
	c.expect(st.inFieldset, 'the question is not <fieldset><legend id="question">');
	c.expect(st.progressBar, '#progress has no <progress>');
	c.expect(/Question 1 of about \d+/.test(st.progress || ''), `#progress says "${st.progress}"`);
	for (const b of ['btn-next', 'btn-skip', 'btn-decline']) c.expect(st.buttons.includes(b), `no #${b}`);
	await frame(page, c, 'en', 'question');
	await shot(page, 'question-en.png', c);
	await axe(page, c, 'first question');
	// "Next" with nothing chosen: the same question, with a message.
	await nav(page, () => page.click('#btn-next'));
	const none = await state(page);
	c.expect(none.kind === 'question' && none.q === st.q, `"Next" with no answer went to ${none.kind} ${none.q || ''}`);
	c.expect(await page.isVisible('#answer-error[role=alert]'), '"Next" with no answer: no visible #answer-error with role="alert"');
	let dateAxe = false, lastProgress = 0;
	const plan = {
		skip: true, decline: true, backAt: 3,
		onQuestion: async (s) => {
			const p = progressNumber(s.progress);
			c.expect(p >= 1, `#progress without a number: "${s.progress}"`);
			lastProgress = p;
			if (s.date && !dateAxe) {
				dateAxe = true;
				await axe(page, c, `date question ${s.q}`);
				// A date the browser's picker would not give: refused, never repeated.
				await page.$eval('#interview input[name=v]', (e) => { e.type = 'text'; });
				await page.fill('#interview input[name=v]', '31/02/1999');
				await nav(page, () => page.click('#btn-next'));
				const bad = await state(page);
				c.expect(bad.kind === 'question' && bad.q === s.q, `a bad date for ${s.q} went to ${bad.kind} ${bad.q || ''}`);
				const msg = (await page.textContent('#answer-error').catch(() => null)) || '';
				c.expect(msg.trim().length > 0, `a bad date for ${s.q}: no #answer-error`);
				c.expect(!(await page.content()).includes('31/02/1999'), 'a bad date is repeated in the page');
			}
		},
	};
	st = await walk(page, c, plan);
	c.must(st.kind === 'results', `the interview ended on ${st.kind} ("${short(st.h1 || st.title, 60)}", ${where(page)})`);
	c.expect(plan.backDone, 'Back was never used');
	c.expect(plan.skipFact, 'no question was skipped');
	c.expect(plan.declineFact, 'no question was declined');
	c.note(`skipped ${plan.skipFact}, declined ${plan.declineFact}, ${lastProgress} questions`);
	const r = await results(page, c, 'en', true);
	if (plan.declineFact) c.expect(r.hidden[plan.declineFact] === 'prefer_not_to_say', `results: a.${plan.declineFact} is "${r.hidden[plan.declineFact]}"`);
	if (plan.skipFact) c.expect(!(plan.skipFact in r.hidden), `results: the skipped ${plan.skipFact} has an answer`);
	await frame(page, c, 'en', 'results');
	await shot(page, 'results-en.png', c);
	await axe(page, c, 'results');
	checkUrls(c, urls);

	// Save: the answers come back as a JSON file.
	if (await page.$('#btn-save')) {
		const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#btn-save')]);
		const file = await dl.path();
		let saved = {};
		try {
			saved = JSON.parse(readFileSync(file, 'utf8'));
		} catch (e) {
			c.errors.push(`btn-save: not JSON (${short(e.message, 60)})`);
		}
		c.expect(/\.json$/.test(dl.suggestedFilename()), `btn-save: file name "${dl.suggestedFilename()}"`);
		c.expect(saved.province === 'on' && saved.unpaid_wages === true, 'btn-save: the file lacks province "on" / unpaid_wages true');
	}
	// Change: back to the interview with every answer kept.
	if (await page.$('#btn-change')) {
		await nav(page, () => page.click('#btn-change'));
		const ch = await state(page);
		c.expect(ch.kind === 'question' && pathOf(page) === '/en/interview', `btn-change went to ${pathOf(page)} (${ch.kind})`);
		if (ch.kind === 'question') c.expect(ch.answers.province === 'on' && ch.answers.unpaid_wages === 'true', 'btn-change: the answers were lost');
	}
	await ctx.close();
});

check('interview-fr', async (c) => {
	const ctx = await newContext(c);
	const page = await newPage(ctx);
	const urls = [];
	watchUrls(page, urls);
	await page.goto(url('/fr/'));
	await nav(page, () => page.click('#start-interview'));
	let st = await state(page);
	c.must(st.kind === 'question', `/fr/interview shows no question (${st.kind})`);
	c.expect(/Question 1 sur environ \d+/.test(st.progress || ''), `#progress says "${st.progress}"`);
	await frame(page, c, 'fr', 'question');
	await axe(page, c, 'première question');
	let switched = false;
	const plan = {
		onQuestion: async (s, n) => {
			if (switched || n < 4) return;
			switched = true;
			// Mid-interview: to English and back; nothing may be lost.
			const sw = await page.$('#lang-switch');
			c.must(sw && (await sw.evaluate((e) => e.tagName)) === 'BUTTON', '#lang-switch on a question is not a submit button');
			await nav(page, () => page.click('#lang-switch'));
			const en = await state(page);
			c.expect(pathOf(page) === '/en/interview', `lang switch went to ${pathOf(page)}`);
			c.expect((await page.getAttribute('html', 'lang')) === 'en', 'lang switch: <html lang> is not en');
			c.must(en.kind === 'question', `after the lang switch: ${en.kind}`);
			c.expect(en.q === s.q, `lang switch: the question changed (${s.q} → ${en.q})`);
			c.expect(en.legend !== s.legend, 'lang switch: the question text did not change language');
			c.expect(progressNumber(en.progress) === progressNumber(s.progress), `lang switch: progress "${s.progress}" became "${en.progress}"`);
			c.expect(JSON.stringify(en.answers) === JSON.stringify(s.answers), 'lang switch: the answers changed');
			c.expect(en.asked === s.asked, 'lang switch: "asked" changed');
			await nav(page, () => page.click('#lang-switch'));
			const fr = await state(page);
			c.expect(pathOf(page) === '/fr/interview', `lang switch back went to ${pathOf(page)}`);
			c.expect(fr.q === s.q && fr.legend === s.legend, 'lang switch back: not the same question');
			c.expect(JSON.stringify(fr.answers) === JSON.stringify(s.answers), 'lang switch back: the answers changed');
		},
	};
	st = await walk(page, c, plan);
	c.expect(switched, 'the interview was too short to switch language mid-way');
	c.must(st.kind === 'results', `the interview ended on ${st.kind} ("${short(st.h1 || st.title, 60)}", ${where(page)})`);
	c.expect(pathOf(page) === '/fr/interview' || pathOf(page) === '/fr/results', `results at ${pathOf(page)}`);
	await results(page, c, 'fr', true);
	await frame(page, c, 'fr', 'résultats');
	await shot(page, 'results-fr.png', c);
	await axe(page, c, 'résultats');
	checkUrls(c, urls);
	await ctx.close();
});

// A short interview (three answers, then "see results").
async function shortResults(page, c, lang) {
	await page.goto(url(`/${lang}/interview`));
	const st = await walk(page, c, { maxAnswers: 3 });
	c.must(st.kind === 'results', `"see results" after 3 answers led to ${st.kind} ("${short(st.h1 || st.title, 60)}", ${where(page)})`);
}

check('results-print', async (c) => {
	const ctx = await newContext(c);
	const page = await newPage(ctx);
	await shortResults(page, c, 'en');
	c.expect(await page.isVisible('#btn-print'), '#btn-print is not visible with JavaScript on');
	await page.emulateMedia({ media: 'print' });
	c.expect(!(await page.isVisible('#quick-exit')), 'print: #quick-exit is visible');
	c.expect(!(await page.isVisible('#lang-switch')), 'print: #lang-switch is visible');
	const navs = await page.$$('nav');
	for (const n of navs) c.expect(!(await n.isVisible()), `print: a <nav> is visible (${short(await n.getAttribute('aria-label') || '', 40)})`);
	c.expect(await page.isVisible('#level'), 'print: #level is hidden');
	c.expect(await page.isVisible('#legal-notice'), 'print: #legal-notice is hidden');
	for (const b of ['btn-print', 'btn-change', 'btn-save']) if (await page.$(`#${b}`)) c.expect(!(await page.isVisible(`#${b}`)), `print: #${b} is visible`);
	await shot(page, 'results-print.png', c);
	try {
		await page.pdf({ path: path.join(SHOTS, 'results.pdf'), format: 'A4' });
	} catch (e) {
		c.note(`pdf: ${short(e.message, 80)}`);
	}
	await ctx.close();
});

async function selectByValue(page, sel, want, c) {
	const vals = await page.$$eval(`${sel} option`, (os) => os.map((o) => o.value));
	const v = vals.find((x) => x.toLowerCase() === want.toLowerCase());
	c.must(v !== undefined, `${sel} has no option "${want}"`);
	await page.selectOption(sel, v);
	return v;
}

check('directory', async (c) => {
	const ctx = await newContext(c);
	const page = await newPage(ctx);
	const resp = await page.goto(url('/en/directory'));
	c.must(resp && resp.status() === 200, `/en/directory answered ${resp && resp.status()}`);
	await frame(page, c, 'en', '/en/directory');
	const f = await page.evaluate(() => {
		const s = document.querySelector('form#search');
		return {
			form: !!s,
			method: s?.getAttribute('method')?.toLowerCase(),
			fields: s ? ['q', 'need', 'province', 'city', 'near', 'within', 'lang', 'no_status', 'limit'].filter((n) => !s.querySelector(`[name="${n}"]`)) : [],
			submit: !!s?.querySelector('[type=submit]'),
		};
	});
	c.must(f.form, 'no <form id="search">');
	c.expect(f.method === 'get', `#search method is "${f.method}"`);
	c.expect(f.fields.length === 0, `#search lacks fields: ${f.fields.join(', ')}`);
	await axe(page, c, 'empty search');
	await page.fill('#search [name=q]', 'human rights');
	await selectByValue(page, '#search select[name=need]', 'human_rights_complaint', c);
	const prov = await selectByValue(page, '#search select[name=province]', 'on', c);
	await nav(page, () => page.click('#search [type=submit]'));
	const u = new URL(page.url());
	c.expect(u.pathname === '/en/directory', `search went to ${u.pathname}`);
	c.expect(u.searchParams.get('q') === 'human rights', `URL q="${u.searchParams.get('q')}"`);
	c.expect(u.searchParams.get('need') === 'human_rights_complaint', `URL need="${u.searchParams.get('need')}"`);
	c.expect(u.searchParams.get('province') === prov, `URL province="${u.searchParams.get('province')}"`);
	const r = await page.evaluate(() => ({
		count: document.getElementById('result-count')?.textContent.replace(/\s+/g, ' ').trim() || null,
		items: [...document.querySelectorAll('ol#results > li.service')].map((li) => ({
			name: li.querySelector('a.service-link')?.textContent.trim() || '',
			href: li.querySelector('a.service-link')?.getAttribute('href') || '',
			access: li.querySelector('.access')?.textContent.replace(/\s+/g, ' ').trim() || '',
			box: li.querySelector('input[type=checkbox][name=id]')?.getAttribute('form') || null,
		})),
		slip: (() => {
			const s = document.querySelector('form#slip-form');
			return s ? { method: (s.getAttribute('method') || '').toLowerCase(), action: s.getAttribute('action'), btn: !!s.querySelector('#make-slip') || !!document.querySelector('#make-slip[form=slip-form]') } : null;
		})(),
		q: document.querySelector('#search [name=q]')?.value,
	}));
	c.expect(r.count && /\b2\b/.test(r.count), `#result-count says "${r.count}", expected 2`);
	c.must(r.items.length === 2, `${r.items.length} li.service in ol#results, expected 2`);
	c.expect(r.items.some((i) => /Human Rights Tribunal of Ontario/.test(i.name)), 'results lack the Human Rights Tribunal of Ontario');
	for (const i of r.items) {
		c.expect(/^\/en\/directory\/services\/[^/]+$/.test(i.href), `service link "${i.href}"`);
		c.expect(/status/i.test(i.access), `.access of ${i.name} does not mention status: "${short(i.access, 60)}"`);
		c.expect(i.box === 'slip-form', `checkbox of ${i.name}: form="${i.box}"`);
	}
	c.expect(r.slip && r.slip.method === 'get' && r.slip.action === '/en/directory/slip' && r.slip.btn, `slip form: ${JSON.stringify(r.slip)}`);
	c.expect(r.q === 'human rights', 'the search form does not keep q');
	await shot(page, 'directory-en.png', c);
	await axe(page, c, 'search results');
	const searchUrl = page.url();

	// The language switch keeps the path and the query.
	await nav(page, () => page.click('#lang-switch'));
	const fu = new URL(page.url());
	c.expect(fu.pathname === '/fr/directory' && fu.searchParams.get('need') === 'human_rights_complaint' && fu.searchParams.get('q') === 'human rights',
		`lang switch on a search went to ${fu.pathname}${fu.search}`);
	c.expect((await page.$$('ol#results > li.service')).length === 2, 'the French search lacks the 2 results');

	// Service page.
	await page.goto(searchUrl);
	const first = r.items[0];
	await nav(page, () => page.click('ol#results > li.service a.service-link >> nth=0'));
	c.expect(pathOf(page) === first.href, `service link went to ${pathOf(page)}`);
	const sv = await page.evaluate(() => ({
		service: !!document.getElementById('service'),
		access: document.getElementById('service')?.textContent || '',
		slip: document.getElementById('service-slip')?.getAttribute('href') || '',
	}));
	c.expect(sv.service, 'service page: no #service');
	c.expect(/immigration status/i.test(sv.access) && /information sharing|shares? information/i.test(sv.access),
		'service page: #service does not state the access conditions (immigration status, information sharing)');
	const id = first.href.split('/').pop();
	c.expect(sv.slip === `/en/directory/slip?id=${id}`, `#service-slip href "${sv.slip}"`);
	await frame(page, c, 'en', 'service page');
	await shot(page, 'service-en.png', c);
	await axe(page, c, 'service page');

	// Two services on one slip.
	await page.goto(searchUrl);
	const boxes = await page.$$('ol#results input[type=checkbox][name=id]');
	c.must(boxes.length >= 2, 'fewer than two checkboxes name="id"');
	await boxes[0].check();
	await boxes[1].check();
	const sresp = await nav(page, () => page.click('#make-slip'));
	const su = new URL(page.url());
	c.expect(su.pathname === '/en/directory/slip' && su.searchParams.getAll('id').length === 2, `make-slip went to ${su.pathname}${su.search}`);
	c.expect(sresp && sresp.status() === 200, `slip answered ${sresp && sresp.status()}`);
	const slipText = await page.evaluate(() => document.body.innerText);
	for (const i of r.items) c.expect(slipText.includes(i.name), `the slip lacks "${i.name}"`);
	const csp = (sresp && sresp.headers()['content-security-policy']) || '';
	c.expect(/style-src[^;]*'sha256-/.test(csp), `slip CSP without a style hash: "${short(csp, 160)}"`);
	c.expect(!/unsafe-inline/.test(csp), 'slip CSP allows unsafe-inline');
	await axe(page, c, 'slip');
	await page.emulateMedia({ media: 'print' });
	await shot(page, 'slip-print.png', c);
	await ctx.close();
});

check('directory-error', async (c) => {
	const ctx = await newContext(c);
	const page = await newPage(ctx);
	await page.goto(url('/en/directory'));
	c.must(await page.$('form#search'), 'no <form id="search">');
	await page.fill('#search [name=within]', '10');
	const resp = await nav(page, () => page.click('#search [type=submit]'));
	const e = await page.evaluate(() => {
		const el = document.getElementById('search-error');
		return el ? { text: el.textContent.trim(), role: el.getAttribute('role') || el.closest('[role=alert]')?.getAttribute('role') } : null;
	});
	c.must(e, `within without near: no #search-error (status ${resp && resp.status()})`);
	c.expect(e.text.length > 5, '#search-error is empty');
	c.expect(await page.isVisible('#search-error'), '#search-error is hidden');
	c.expect(resp && resp.status() < 500, `within without near answered ${resp && resp.status()}`);
	c.expect(await page.$('form#search'), 'the error page has no search form to correct it');
	await frame(page, c, 'en', 'search error');
	await axe(page, c, 'search error');
	// A bad value is named, never repeated.
	await page.goto(url('/en/directory?near=999,999&within=5'));
	const t = await page.evaluate(() => document.getElementById('search-error')?.textContent || '');
	c.expect(t, 'near=999,999: no #search-error');
	c.expect(!t.includes('999'), '#search-error repeats the value typed');
	await ctx.close();
});

// A form on another site posting to safepath: refused, nothing shown.
check('cross-site-post', async (c) => {
	const ctx = await newContext(c);
	const page = await newPage(ctx);
	await page.goto(url('/en/interview'));   // the browser has its sp_id cookie
	const token = await page.getAttribute('#interview input[name=csrf]', 'value');
	c.must(token, 'no csrf field in #interview');
	const evil = 'http://elsewhere.invalid/';
	const hits = [];
	// Even with a token copied from a real page: the cookie is SameSite=Strict.
	hits.body = '<!DOCTYPE html><html lang="en"><head><title>other site</title></head><body><main>' +
		`<form method="post" action="${url('/en/results')}"><input type="hidden" name="csrf" value="${token}">` +
		'<input type="hidden" name="a.province" value="on"><input type="hidden" name="a.unpaid_wages" value="true">' +
		'<button id="go" type="submit">Go</button></form></main></body></html>';
	ctx.stubs.set(evil, hits);
	await page.goto(evil);
	const resp = await nav(page, () => page.click('#go'));
	c.expect(resp && resp.status() === 403, `a cross-site POST to /en/results answered ${resp && resp.status()}`);
	c.expect(!(await page.$('#level')), 'a cross-site POST got the results');
	await ctx.close();
});

for (const how of ['click', 'escape']) {
	check(`quick-exit-${how}`, async (c) => {
		const ctx = await newContext(c);
		const page = await newPage(ctx);
		// A page "before" safepath, so that history.back() has somewhere to go.
		const before = 'http://before.invalid/';
		ctx.stubs.set(before, []);
		await page.goto(before);
		await page.goto(url('/en/directory'));
		const href = await page.getAttribute('#quick-exit', 'href');
		c.must(href && /^https?:\/\//.test(href), `#quick-exit href "${href}"`);
		const eu = new URL(href);
		c.must(eu.origin !== BASE.origin, '#quick-exit points back to safepath');
		const hits = [];
		ctx.stubs.set(eu.origin + eu.pathname, hits);
		if (how === 'click') {
			await nav(page, () => page.click('#quick-exit'));
		} else {
			await nav(page, async () => {
				for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
			});
		}
		c.expect(page.url() === href, `landed on ${page.url()}, expected ${href}`);
		c.expect(hits.length === 1, `the neutral site was requested ${hits.length} times`);
		c.expect(hits.every((h) => !h.referer), 'the neutral site was sent a Referer');
		await page.goBack({ waitUntil: 'load' }).catch(() => null);
		const back = new URL(page.url());
		c.expect(back.origin !== BASE.origin, `history.back() returned to safepath (${back.pathname}): the exit did not replace the history entry`);
		c.expect(page.url() === before, `history.back() went to ${page.url()}, expected the page before safepath`);
		await ctx.close();
	});
}

check('no-javascript', async (c) => {
	const ctx = await newContext(c, { javaScriptEnabled: false });
	const page = await newPage(ctx);
	await page.goto(url('/en/'));
	await nav(page, () => page.click('#start-interview'));
	let st = await state(page);
	c.must(st.kind === 'question', `no JS: /en/interview shows ${st.kind}`);
	// The language switch is a real submit button.
	await nav(page, () => page.click('#lang-switch'));
	const fr = await state(page);
	c.expect(pathOf(page) === '/fr/interview' && fr.q === st.q, `no JS: lang switch went to ${where(page)} (${fr.kind}: "${short(fr.h1 || fr.title || fr.q, 60)}")`);
	await nav(page, () => page.click('#lang-switch'));
	st = await walk(page, c, { maxAnswers: 4 });
	c.must(st.kind === 'results', `no JS: "see results" led to ${st.kind} ("${short(st.h1 || st.title, 60)}", ${where(page)})`);
	await results(page, c, 'en', false);
	c.expect(!(await page.isVisible('#btn-print')), 'no JS: #btn-print is visible (it needs JavaScript)');
	const jsOnly = await page.$$('.js-only');
	for (const e of jsOnly) c.expect(!(await e.isVisible()), 'no JS: a .js-only element is visible');
	// No axe here: with scripts off its timers never fire (the same page is
	// checked with JavaScript on in interview-en).
	await page.goto(url('/en/directory'));
	await page.fill('#search [name=q]', 'trafficking');
	await nav(page, () => page.click('#search [type=submit]'));
	const n = (await page.$$('ol#results > li.service')).length;
	c.expect(n >= 1, `no JS: the search for "trafficking" found ${n} services`);
	const href = await page.getAttribute('#quick-exit', 'href');
	if (href && /^https?:/.test(href)) {
		const eu = new URL(href);
		ctx.stubs.set(eu.origin + eu.pathname, []);
		await nav(page, () => page.click('#quick-exit'));
		c.expect(page.url() === href, `no JS: quick exit went to ${page.url()}`);
	}
	await ctx.close();
});

check('phone', async (c) => {
	const ctx = await newContext(c, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
	const page = await newPage(ctx);
	const wide = async (label) => {
		const w = await page.evaluate(() => {
			const vw = document.documentElement.clientWidth;
			// The outermost elements that stick out on the right, to name them.
			const out = [];
			for (const e of document.querySelectorAll('body *')) {
				const r = e.getBoundingClientRect();
				if (r.right > vw + 1 && r.width > 0 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > vw + 1)) {
					const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '';
					out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${cls} (${Math.round(r.right)}px)`);
				}
			}
			return { width: document.documentElement.scrollWidth, out: out.slice(0, 4) };
		});
		c.expect(w.width <= 361, `phone ${label}: page is ${w.width}px wide (scrolls sideways): ${w.out.join(', ')}`);
	};
	await page.goto(url('/en/'));
	await wide('start');
	await shot(page, 'phone-start.png', c);
	await page.goto(url('/en/interview'));
	await wide('question');
	await shot(page, 'phone-question.png', c);
	const st = await walk(page, c, { maxAnswers: 5 });
	c.must(st.kind === 'results', `phone: "see results" led to ${st.kind} ("${short(st.h1 || st.title, 60)}", ${where(page)})`);
	await wide('results');
	await shot(page, 'phone-results.png', c);
	await page.goto(url('/en/directory?q=human+rights&province=ON'));
	await wide('directory');
	await shot(page, 'phone-directory.png', c);
	await ctx.close();
});

// ---- main ----------------------------------------------------------------

async function main() {
	const bin = process.argv[2];
	if (!bin) {
		console.error('usage: node tests/web/browser.mjs BUILD/safepath');
		process.exit(2);
	}
	const only = (process.env.WEB_CHECKS || '').split(',').filter(Boolean);
	const todo = only.length ? checks.filter((k) => only.includes(k.name)) : checks;
	mkdirSync(SHOTS, { recursive: true });
	const dir = mkdtempSync(path.join(tmpdir(), 'safepath-web-'));
	let srv = {};
	let pass = 0, fail = 0;
	const times = [];
	const t0 = Date.now();
	try {
		if (!existsSync(bin)) srv = { err: `${bin} does not exist` };
		else srv = await startServer(path.resolve(bin), dir);
		if (srv.err) srv.err = `the server did not start: ${srv.err}`;
		if (!srv.err) {
			BASE = srv.base;
			browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] }).catch((e) => {
				srv.err = `chromium did not start: ${short(e.message, 300)}`;
			});
		}
		for (const k of todo) {
			const c = new Check(k.name);
			const t1 = Date.now();
			if (srv.err) {
				c.errors.push(srv.err);
			} else {
				let timer;
				try {
					await Promise.race([
						k.fn(c),
						new Promise((_, rej) => {
							timer = setTimeout(() => rej(new Error(`took more than ${CHECK_MS / 1000} s`)), CHECK_MS);
						}),
					]);
				} catch (e) {
					if (!(e instanceof Stop)) c.errors.push(short(e.message.split('\n')[0], 300));
				} finally {
					clearTimeout(timer);
				}
				if (srv.child.exitCode !== null || srv.child.signalCode) {
					c.errors.push(`the server stopped (${srv.child.signalCode || srv.child.exitCode})`);
					srv.err = 'the server stopped during an earlier check';
				}
			}
			times.push(`${k.name} ${((Date.now() - t1) / 1000).toFixed(1)}`);
			for (const n of c.notes) console.log(`# ${k.name}: ${n}`);
			if (c.errors.length === 0) {
				pass++;
				console.log(`ok ${k.name}`);
			} else {
				fail++;
				const seen = new Map();
				for (const e of c.errors) seen.set(e, (seen.get(e) || 0) + 1);
				console.log(`FAIL ${k.name}: ${[...seen].map(([e, n]) => (n > 1 ? `${e} (×${n})` : e)).join('; ')}`);
			}
		}
	} finally {
		if (browser) await browser.close().catch(() => {});
		await stopServer(srv.child);
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(`# ${((Date.now() - t0) / 1000).toFixed(1)} s (${times.join(', ')}); screenshots in ${SHOTS}`);
	console.log(`${pass} passed, ${fail} failed`);
	process.exit(fail ? 1 : 0);
}

main().catch((e) => {
	console.log(`FAIL harness: ${e.stack || e}`);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
