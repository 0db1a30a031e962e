// The npm package as a user gets it: packed with `npm pack`, installed from the tarball into a
// scratch project beside TypeScript from the npm registry, imported, and type-checked with
// tsc --strict. Also checks that package.json's version is the Maven version, and that rooms.d.ts
// declares exactly what rooms.js exports and what its client class has.
// Usage: node pack-test.mjs MAVEN_VERSION TYPESCRIPT_VERSION SCRATCH_DIR
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [mavenVersion, typescriptVersion, scratchArg] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const project = resolve(here, '../../..');
const scratch = resolve(scratchArg);
const npm = process.env.ROOMS_NPM || 'npm';
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
assert.equal(pkg.version, mavenVersion, `package.json's version must be the Maven version ${mavenVersion}`);

rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const packed = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', scratch], project));
const tarball = join(scratch, packed[0].filename);
assert.deepEqual(packed[0].files.map((f) => f.path).sort(),
  ['LICENSE', 'README.md', 'package.json', 'src/main/resources/public/connection.js',
    'src/main/resources/public/pacer.js', 'src/main/resources/public/room.js',
    'src/main/resources/public/rooms.d.ts', 'src/main/resources/public/rooms.js'],
  'the package holds the client, its typings, the licence and the readme, and nothing else');

const app = join(scratch, 'app');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }));
run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, `typescript@${typescriptVersion}`], app);

// It imports, in Node, by its package name, and exports what the typings say.
const imported = JSON.parse(run(process.execPath, ['--input-type=module', '-e',
  "const m = await import('@rooms/client'); console.log(JSON.stringify({ names: Object.keys(m).sort(),"
  + " methods: Object.getOwnPropertyNames(m.RoomsClient.prototype).sort() }));"], app));

// rooms.d.ts against rooms.js: the same exports, and every declared method exists.
const ts = createRequire(join(app, 'package.json'))('typescript');
const typings = ts.createSourceFile('rooms.d.ts', readFileSync(join(app, 'node_modules/@rooms/client/src/main/resources/public/rooms.d.ts'), 'utf8'),
  ts.ScriptTarget.Latest, true);
const values = new Set();
const declaredMethods = new Set();
for (const statement of typings.statements) {
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) values.add(statement.name.text);
  if (ts.isVariableStatement(statement)) statement.declarationList.declarations.forEach((d) => values.add(d.name.text));
  if (ts.isClassDeclaration(statement) && statement.name.text === 'RoomsClient') {
    statement.members.filter(ts.isMethodDeclaration).forEach((m) => declaredMethods.add(m.name.text));
  }
}
assert.deepEqual([...values].sort(), imported.names, 'rooms.d.ts declares exactly the values rooms.js exports');
for (const method of declaredMethods) {
  assert.ok(imported.methods.includes(method), `rooms.d.ts declares RoomsClient.${method}, which rooms.js lacks`);
}

// An application's code compiles against the packed typings with --strict.
cpSync(join(here, 'consumer.ts'), join(app, 'consumer.ts'));
cpSync(join(here, 'tsconfig.json'), join(app, 'tsconfig.json'));
run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', join(app, 'tsconfig.json')], app);
console.log(`pack-test: ${packed[0].filename} installs, imports and type-checks (TypeScript ${typescriptVersion});`
  + ` ${declaredMethods.size} declared methods and ${values.size} exports match rooms.js`);
