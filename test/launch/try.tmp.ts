import { launch } from '/work/wt/10/test/launch/driver';
const app = await launch('/work/wt/10/dist-electron/main.js', {});
const r = await app.until((r) => (r.trays[0]?.tooltips.length ?? 0) > 1, 'demo');
await new Promise((r) => setTimeout(r, 500));
const r1 = await app.record();
console.log(r1.violations, r1.windows[0].load);
console.log(await app.quit().then((q) => ({ code: q.code, v: q.record?.violations })));
console.log(app.output().slice(0, 2000));
