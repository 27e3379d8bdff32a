// bench/typst/compile.mjs IN.typ OUT.pdf FONTDIR [N]
// Compiles IN.typ to OUT.pdf with typst.ts's Node compiler (Typst 0.14 as
// a napi module), fonts from FONTDIR only. IN.typ is written for Typst
// 0.10 (the CLI of bench/typst.sh); the two lines that differ from 0.12 on
// (paragraph spacing, see notice.typ) are rewritten in the source given to
// the compiler.
//
// With N, then N more compiles in the same process, each timed
// (process.hrtime, source to PDF bytes in memory) and printed on a line
// "warm MS": the compiler and its fonts are loaded, but its memoized
// results are evicted first, so that each compile does the whole work of
// the document, as a fresh process would, without the start of node and
// of the compiler.
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const [input, output, fonts, n] = process.argv.slice(2);
const main = resolve(input);
const source = readFileSync(main, 'utf8')
	.replace(/^#show par: set block\(spacing: (.*)\)$/m, '#set par(spacing: $1)')
	.replace(/^#let par-gap = .*$/m, '#let par-gap = 0pt');
const compiler = NodeCompiler.create({
	workspace: dirname(main),
	fontArgs: [{ fontPaths: [resolve(fonts)] }],
});
compiler.addSource(main, source);

function once() {
	const r = compiler.compile({ mainFilePath: main });
	if (r.hasError()) {
		r.printErrors();
		process.exit(1);
	}
	return compiler.pdf(r.result);
}

writeFileSync(output, once());
for (let i = 0; i < Number(n || 0); i++) {
	const t0 = process.hrtime.bigint();
	compiler.evictCache(0);
	const pdf = once();
	const t1 = process.hrtime.bigint();
	writeFileSync(output, pdf);
	console.log(`warm ${Number(t1 - t0) / 1e6}`);
}
