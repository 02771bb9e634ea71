/* Writes the workbench's committed build output. Run by scripts/vendor-web, in a temporary folder
   where `npm ci` installed package-lock.json; the argument is the repository.

   - static/vendor/: Vue's runtime-only ES module build, blueimp-md5 as an ES module, the custom
     ECharts (echarts.js beside this file, bundled by esbuild), their licences and a README table.
   - static/web/**\/*.vue: each single-file component compiled by Vue's own compiler into the .js
     beside it, which records its source's sha256 (tests/test_web_build.py fails when stale). */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { build } from "esbuild";
import { compileScript, compileTemplate, parse } from "vue/compiler-sfc";

const ROOT = process.argv[2];
const VENDOR = join(ROOT, "static", "vendor");
const WEB = join(ROOT, "static", "web");
const LOCK = JSON.parse(readFileSync("package-lock.json", "utf8")).packages;
const version = (name) => LOCK[`node_modules/${name}`].version;
const COMPILED = "Compiled from";

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}

function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

function copy(from, to) {
  mkdirSync(dirname(join(VENDOR, to)), { recursive: true });
  copyFileSync(join("node_modules", from), join(VENDOR, to));
}

async function bundle(contents, to, banner) {
  await build({
    stdin: { contents, resolveDir: ".", loader: "js" }, bundle: true, minify: true, format: "esm",
    target: "es2020", legalComments: "none", banner: { js: `/*! ${banner} */` }, outfile: join(VENDOR, to),
    logLevel: "warning",
  });
}

// What the pages load, with the licence of everything each file contains.
const SHIPPED = [
  { dir: "vue", packages: ["vue"], licences: { "vue/LICENSE": "LICENSE" },
    make: () => copy("vue/dist/vue.runtime.esm-browser.prod.js", "vue/vue.runtime.esm-browser.prod.js") },
  { dir: "blueimp-md5", packages: ["blueimp-md5"], licences: { "blueimp-md5/LICENSE.txt": "LICENSE.txt" },
    // A UMD script: esbuild makes it an ES module whose default export is md5.
    make: () => bundle('export { default } from "blueimp-md5";', "blueimp-md5/md5.js",
                       `blueimp-md5 ${version("blueimp-md5")} | MIT | LICENSE.txt`) },
  { dir: "echarts", packages: ["echarts", "zrender", "tslib"],
    licences: { "echarts/LICENSE": "LICENSE", "echarts/NOTICE": "NOTICE", "echarts/licenses/LICENSE-d3": "LICENSE-d3",
                "zrender/LICENSE": "LICENSE-zrender", "tslib/LICENSE.txt": "LICENSE-tslib" },
    make: () => bundle(readFileSync("echarts.js", "utf8"), "echarts/echarts.js",
                       `ECharts ${version("echarts")} (custom build: scripts/web-build/echarts.js), zrender ${version("zrender")}, `
                       + `tslib ${version("tslib")} | Apache-2.0, BSD-3-Clause, 0BSD | LICENSE*, NOTICE`) },
];
const TOOLS = ["vue", "esbuild"]; // @vue/compiler-sfc comes with vue, at vue's version

async function vendor() {
  rmSync(VENDOR, { recursive: true, force: true });
  const lines = ["# Vendored front-end libraries", "",
    "Written by `scripts/vendor-web` from the npm packages pinned in `scripts/web-build/package-lock.json`",
    "(`npm ci` checks each against its sha512); do not edit by hand.", "",
    "| folder | package | version | licence | integrity |", "|---|---|---|---|---|"];
  for (const item of SHIPPED) {
    await item.make();
    for (const [from, to] of Object.entries(item.licences)) copy(from, `${item.dir}/${to}`);
    for (const name of item.packages) {
      const entry = LOCK[`node_modules/${name}`];
      lines.push(`| \`${item.dir}/\` | [${name}](https://www.npmjs.com/package/${name}) | ${entry.version} | ${entry.license} | \`${entry.integrity}\` |`);
    }
    console.log(`static/vendor/${item.dir}/: ${readdirSync(join(VENDOR, item.dir)).join(", ")}`);
  }
  lines.push("", "Build tools (run by `scripts/vendor-web`, not shipped): "
    + TOOLS.map((name) => `${name} ${version(name)}`).join(", ") + ".", "");
  writeFileSync(join(VENDOR, "README.md"), lines.join("\n"));
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

function compile(file) {
  const source = readFileSync(file, "utf8");
  const filename = relative(WEB, file);
  const { descriptor, errors } = parse(source, { filename });
  if (errors.length) fail(`${filename}: ${errors[0].message}`);
  if (!descriptor.script || !descriptor.template) fail(`${filename}: needs a <script> and a <template>`);
  if (descriptor.scriptSetup || descriptor.styles.length) fail(`${filename}: no <script setup>, styles go to app.css`);
  const id = sha256(filename).slice(0, 8);
  const script = compileScript(descriptor, { id, isProd: true, genDefaultAs: "_sfc_main" });
  const template = compileTemplate({
    source: descriptor.template.content, filename, id, isProd: true,
    compilerOptions: { bindingMetadata: script.bindings },
  });
  if (template.errors.length) fail(`${filename}: ${template.errors[0].message || template.errors[0]}`);
  const render = template.code.replace("export function render(", "function render(");
  return `/* ${COMPILED} ${basename(file)} by scripts/vendor-web with @vue/compiler-sfc ${version("vue")}; do not edit.\n`
    + `   source-sha256: ${sha256(source)} */\n${script.content.trim()}\n${render.trim()}\n`
    + "_sfc_main.render = render;\nexport default _sfc_main;\n";
}

function compileAll() {
  const files = [...walk(WEB)];
  for (const file of files) {
    // A compiled module whose source is gone goes too.
    if (file.endsWith(".js") && !existsSync(file.replace(/\.js$/, ".vue"))
        && readFileSync(file, "utf8").startsWith(`/* ${COMPILED} `)) rmSync(file);
  }
  const sources = files.filter((file) => file.endsWith(".vue"));
  for (const file of sources) writeFileSync(file.replace(/\.vue$/, ".js"), compile(file));
  console.log(`static/web/: ${sources.length} components compiled`);
}

await vendor();
compileAll();
