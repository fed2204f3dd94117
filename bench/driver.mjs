// The benchmark driver bench/run starts: seeds a data folder, starts the packaged service and the bare
// Quarkus anchor side by side (alternating, never at once), loads them with wrk and a Node client, and
// prints the table README "Benchmark" shows (earlier figures: docs/performance.md). With --backend cluster the service runs on
// PostgreSQL and S3Proxy, the seed moved there by its own `migrate`. With --soak it runs the service alone
// under a paced mixed load instead (README "Soak"). Everything it writes is under bench/target.
import { spawn, execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = path.join(ROOT, 'bench', 'target');
/** The service's launcher (its JVM settings are part of what is measured); the jar it starts is built by bench/run. */
const SERVICE = path.join(ROOT, 'bin', 'image-service');
const BARE_JAR = path.join(ROOT, 'bench', 'bare-endpoint', 'target', 'quarkus-app', 'quarkus-run.jar');
const PROTO_DIR = path.join(ROOT, 'adapters-grpc', 'src', 'main', 'proto');
const require = createRequire(path.join(TARGET, 'node', 'package.json'));
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

/** The parts of a run --only can pick; the bare anchor runs with `get` (its rows: req/s, start, RSS). */
const PARTS = ['get', 'grpc', 'list', 'create'];
const part = (name) => !options.only || options.only.has(name);

const options = parseArgs(process.argv.slice(2));
const LOGIN = 'bench';
const MAX_WARM_UP_PASSES = 12;
const DISK_BYTES = options.diskMiB * 1024 * 1024;

function parseArgs(args) {
  const o = { backend: 'embedded', runs: 3, seconds: 10, warmUp: 150, minutes: 10, peakSeconds: 30 };
  for (let i = 0; i < args.length; i++) {
    const value = () => Number(args[++i]);
    switch (args[i]) {
      case '--backend': o.backend = args[++i]; break;
      case '--images': o.images = value(); break;
      case '--runs': o.runs = value(); break;
      case '--seconds': o.seconds = value(); break;
      case '--disk-mib': o.diskMiB = value(); break;
      case '--seed-only': o.seedOnly = true; break;
      case '--only': o.only = new Set(args[++i].split(',')); break;
      case '--soak': o.soak = true; break;
      case '--minutes': o.minutes = value(); break;
      case '--rate': o.rate = value(); break;
      case '--peak-seconds': o.peakSeconds = value(); break;
      case '--warm-up': o.warmUp = value(); break;
      case '--smoke': Object.assign(o, { images: 1000, runs: 3, seconds: 1, warmUp: 0, diskMiB: 8 }); break;
      default: throw new Error(`unknown argument ${args[i]} (bench/run [--backend embedded|cluster] [--images N] [--runs R] [--seconds S] [--warm-up S] [--disk-mib M] [--smoke] [--seed-only] [--only get,grpc,list,create]`
        + ' | bench/run --soak [--backend embedded|cluster] [--minutes M] [--rate R] [--peak-seconds S] [--images N] [--disk-mib M])');
    }
  }
  if (!['embedded', 'cluster'].includes(o.backend)) throw new Error(`--backend takes embedded or cluster, not ${o.backend}`);
  for (const part of o.only ?? []) {
    if (!PARTS.includes(part)) throw new Error(`--only takes ${PARTS.join(', ')}, not ${part}`);
  }
  if (o.runs < 3) throw new Error('--runs must be at least 3: each ratio is min/median/max of alternating runs');
  // The soak needs only a small data set and a small disk (its creations must stay cheap).
  return o.soak ? { images: 1000, diskMiB: 8, ...o } : { images: 100000, diskMiB: 512, ...o };
}

const log = (...m) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- keys and signatures (CloudAPI HTTP Signature, rsa-sha256) ---------------------------------

function sshPublicKey(publicKey) {
  const jwk = publicKey.export({ format: 'jwk' });
  const mpint = (b64) => {
    let bytes = Buffer.from(b64, 'base64url');
    if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return bytes;
  };
  const part = (buf) => { const len = Buffer.alloc(4); len.writeUInt32BE(buf.length); return Buffer.concat([len, buf]); };
  const blob = Buffer.concat([part(Buffer.from('ssh-rsa')), part(mpint(jwk.e)), part(mpint(jwk.n))]);
  const md5 = crypto.createHash('md5').update(blob).digest('hex').match(/../g).join(':');
  return { line: `ssh-rsa ${blob.toString('base64')} bench@bench`, fingerprint: md5 };
}

function loadKey(dir, login = LOGIN) {
  const file = path.join(dir, 'key.pem');
  if (!fs.existsSync(file)) {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(file));
  const pub = sshPublicKey(crypto.createPublicKey(privateKey));
  fs.writeFileSync(path.join(dir, 'key.pub'), pub.line + '\n');
  return { login, privateKey, fingerprint: pub.fingerprint, publicFile: path.join(dir, 'key.pub') };
}

/** Date and Authorization headers for one method and target; the server accepts them for 300 s, so load reuses them. */
function sign(key, method, target) {
  const date = new Date().toUTCString();
  const signature = crypto.sign('sha256', Buffer.from(`(request-target): ${method} ${target}\ndate: ${date}`), key.privateKey)
    .toString('base64');
  return {
    Date: date,
    Authorization: `Signature keyId="/${key.login}/keys/${key.fingerprint}",algorithm="rsa-sha256",`
      + `headers="(request-target) date",signature="${signature}"`,
  };
}

// --- processes ------------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
    server.on('error', reject);
  });
}

function run(command, args, env = {}, spawnOptions = {}) {
  return execFileSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28, ...spawnOptions });
}

const execFileAsync = promisify(execFile);

function admin(dataDir, ...args) {
  return run(SERVICE, args, { IMAGES_DATA_DIR: dataDir });
}

/** User and system CPU a process has used, in seconds (/proc/PID/stat counts clock ticks, 100 a second on Linux). */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name, in parentheses, may itself hold ') ': the fields follow the last one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMiB(pid, field = 'VmRSS') {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))[1]) / 1024;
}

/** Servers still running, with the signal that ends each at once if the driver stops on an error. */
const running = new Map();
process.on('exit', () => running.forEach((signal, child) => child.kill(signal)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/**
 * Starts a server ([program, ...args]) and answers once `probe` answers 200; startMs counts from the spawn.
 * spawnOptions may name the user it runs as (uid, gid); exitSignal ends it when the driver stops on an error.
 */
async function startServer([program, ...args], env, probe, name, { exitSignal = 'SIGKILL', ...spawnOptions } = {}) {
  const started = performance.now();
  const out = fs.openSync(path.join(TARGET, `${name}.log`), 'w');
  const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['ignore', out, out], ...spawnOptions });
  let exited = null;
  running.set(child, exitSignal);
  child.on('exit', (code) => { exited = code; running.delete(child); });
  for (;;) {
    if (exited !== null) throw new Error(`${name} exited with ${exited}: see ${path.join(TARGET, name + '.log')}`);
    if ((await probe().catch(() => 0)) === 200) break;
    if (performance.now() - started > 300000) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer within 300 s: see ${path.join(TARGET, name + '.log')}`);
    }
    await sleep(10);
  }
  const startMs = performance.now() - started;
  return {
    pid: child.pid, startMs,
    stop: () => new Promise((resolve) => { if (exited !== null) resolve(); else { child.on('exit', resolve); child.kill('SIGTERM'); } }),
  };
}

// --- HTTP and wrk ------------------------------------------------------------------------------------

function request(port, method, target, headers = {}, body, agent) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body) req.end(body); else req.end();
  });
}

/**
 * Runs a load untimed, first for at least minSeconds, then in passes of a few seconds until two passes
 * in a row agree within 5 % (at most MAX_WARM_UP_PASSES). The JIT goes on compiling the service's request
 * path for minutes (on a quiet 2-core machine signed GetImage went 440, 1020, 1870, 1920, 3210, 4080,
 * 6890, 7950, 8240 req/s in successive 10 s passes: a stability rule alone stops at the plateau near
 * 1900), so the first load of each process gets --warm-up seconds (default 150) before the rule applies.
 * Both sides get the same rule.
 */
async function warmUp(pass, minSeconds = 0) {
  const seconds = Math.max(2, Math.min(5, options.seconds));
  const until = performance.now() + minSeconds * 1000;
  while (performance.now() < until) await pass(Math.min(10, Math.max(1, Math.ceil((until - performance.now()) / 1000))));
  let previous = await pass(seconds);
  for (let i = 1; i < MAX_WARM_UP_PASSES; i++) {
    const rate = await pass(seconds);
    if (Math.abs(rate - previous) <= 0.05 * Math.max(rate, previous)) return;
    previous = rate;
  }
}

function wrk(url, { connections, seconds, headers = {}, latency = false }) {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`];
  if (latency) args.push('--latency');
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  const out = run('wrk', [...args, url]);
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)/);
  if (errors) throw new Error(`wrk saw ${errors[1]} failed answers from ${url}:\n${out}`);
  const result = { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]) };
  if (latency) {
    const [, value, unit] = out.match(/50%\s+([\d.]+)(us|ms|s)/);
    result.p50ms = Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit];
  }
  return result;
}

// --- seeding -----------------------------------------------------------------------------------------

/**
 * A data folder with an operator account, N images and a machine, made through the admin commands
 * (`account add`, `image import` of IMGAPI manifests with their files, `machine add`), kept under
 * bench/target/seed-N and copied for each start so that every run sees the same database.
 */
function seed(key) {
  const seedDir = path.join(TARGET, `seed-${options.images}`);
  const info = path.join(seedDir, 'bench.json');
  if (fs.existsSync(info)) return JSON.parse(fs.readFileSync(info, 'utf8'));
  fs.rmSync(seedDir, { recursive: true, force: true });
  const dataDir = path.join(seedDir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const accountId = crypto.randomUUID();
  admin(dataDir, 'account', 'add', LOGIN, '--key', key.publicFile, '--operator', '--id', accountId);

  // The first image holds a file (it is active, the machine's origin); the rest are manifests alone
  // (unactivated, files[0] recorded): the file store and its fsync per file would make seeding slow.
  const content = gzipOf(Buffer.from('bench image file\n'.repeat(64)));
  const sha1 = crypto.createHash('sha1').update(content).digest('hex');
  const manifests = path.join(seedDir, 'manifests');
  const ids = [];
  const started = performance.now();
  const perCommand = 10000;
  for (let from = 0; from < options.images; from += perCommand) {
    // One folder per command: `image import` lists it once and writes the manifests without a file a
    // thousand per transaction.
    const folder = path.join(manifests, String(from).padStart(6, '0'));
    fs.mkdirSync(folder, { recursive: true });
    for (let i = from; i < Math.min(options.images, from + perCommand); i++) {
      const id = crypto.randomUUID();
      ids.push(id);
      const base = path.join(folder, `img-${i}-1.0.${i % 100}`);
      fs.writeFileSync(`${base}.imgmanifest`, JSON.stringify(manifest(id, accountId, i, sha1, content.length)));
      if (i === 0) fs.writeFileSync(`${base}.zfs.gz`, content);
    }
    // The real import path, with H2's default write delay (commits written in groups every 0.5 s)
    // instead of the service's one write per commit: the seed is made once and the command exits cleanly.
    run(SERVICE, ['image', 'import', folder],
      { IMAGES_DATA_DIR: dataDir, QUARKUS_DATASOURCE_JDBC_URL: `jdbc:h2:file:${dataDir}/db/images` });
    log(`seeded ${ids.length} images (${Math.round(ids.length / ((performance.now() - started) / 1000))} images/s)`);
  }
  const seedSeconds = (performance.now() - started) / 1000;
  fs.rmSync(manifests, { recursive: true, force: true });

  const result = { accountId, imageId: ids[0], seedSeconds, dataDir, machines: {} };
  fs.writeFileSync(info, JSON.stringify(result));
  return result;
}

/** The machine whose disk has options.diskMiB, registered in the seed once (`machine add`, stopped). */
function machine(seeded) {
  const disk = diskFile();
  if (!seeded.machines[disk]) {
    const line = admin(seeded.dataDir, 'machine', 'add', LOGIN, '--name', `bench-vm-${options.diskMiB}m`, '--disk', disk,
      '--image', seeded.imageId, '--state', 'stopped');
    seeded.machines[disk] = line.match(/\(([0-9a-f-]{36})\)/)[1];
    remember(seeded);
  }
  return { disk, machineId: seeded.machines[disk] };
}

/** Writes what the seed holds back to its bench.json, for the next run. */
function remember(seeded) {
  fs.writeFileSync(path.join(path.dirname(seeded.dataDir), 'bench.json'), JSON.stringify(seeded));
}

function gzipOf(bytes) {
  return execFileSync('gzip', ['-6', '-n'], { input: bytes });
}

function manifest(id, owner, i, sha1, size) {
  return {
    v: 2, uuid: id, owner, name: `img-${i}`, version: `1.0.${i % 100}`, state: 'active', disabled: false, public: i % 10 === 0,
    published_at: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(), type: 'zone-dataset', os: 'smartos',
    description: `Benchmark image number ${i}, with a description of a realistic length for a listing.`,
    homepage: 'https://docs.example.com/images/bench',
    files: [{ sha1, size, compression: 'gzip' }],
    requirements: { min_platform: { '7.0': '20141030T081701Z' }, networks: [{ name: 'net0', description: 'public' }] },
    tags: { role: 'os', group: `g${i % 7}` },
  };
}

/** The machine's disk: half random bytes (incompressible), half generated text (compresses about 3:1). */
function diskFile() {
  const file = path.join(TARGET, `disk-${options.diskMiB}m.img`);
  if (fs.existsSync(file) && fs.statSync(file).size === DISK_BYTES) return file;
  const fd = fs.openSync(file, 'w');
  const chunk = 1 << 20;
  for (let done = 0; done < DISK_BYTES / 2; done += chunk) fs.writeSync(fd, crypto.randomBytes(chunk));
  const words = ['image', 'service', 'zone', 'dataset', 'the', 'of', 'and', 'request', 'machine', 'disk', 'a', 'to',
    'compression', 'log', 'INFO', 'GET', '/images', '200', 'in', 'ms', 'snapshot', 'origin', 'owner', 'public', 'file'];
  let seed = 42;
  const next = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
  for (let done = 0; done < DISK_BYTES / 2; done += chunk) {
    let text = '';
    while (text.length < chunk) {
      text += `${next() % 100000} ${words[next() % words.length]} ${words[next() % words.length]} ${words[next() % words.length]}\n`;
    }
    fs.writeSync(fd, Buffer.from(text.slice(0, chunk)));
  }
  fs.closeSync(fd);
  return file;
}

// --- the backend: embedded (H2 file and local files) or cluster (PostgreSQL and S3Proxy) -------------------

const DB_USER = 'images';
const BUCKET = 'images';
const S3_ACCESS_KEY = 'bench-access-key';
const S3_SECRET_KEY = 'bench-secret-key';

/**
 * Where the service keeps its data for one start, made afresh from the seed so that every start sees the
 * same data: the settings it starts with, and stop(). Embedded: a copy of the seed's data folder. Cluster:
 * PostgreSQL and S3Proxy started on copies of the seed's cluster folders, taken while their servers were
 * stopped (a fresh server each start, as the embedded H2 file is opened afresh).
 */
async function startBackend(seeded) {
  if (options.backend === 'embedded') {
    const dataDir = path.join(TARGET, 'run-data');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.cpSync(seeded.dataDir, dataDir, { recursive: true });
    return { env: { IMAGES_DATA_DIR: dataDir }, stop: async () => {} };
  }
  const dir = path.join(TARGET, 'run-cluster');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  // cp -a: PostgreSQL's folder must stay its user's, and private; the file store keeps each object's
  // metadata (its MD5, content type) in extended attributes.
  run('cp', ['-a', path.join(seeded.cluster.dir, 'postgresql'), path.join(seeded.cluster.dir, 's3'), dir]);
  const cluster = await startCluster(dir, seeded.cluster.password);
  // The instance's own folder stays empty: rows are in PostgreSQL, files and exports in the bucket.
  return { env: { ...cluster.env, IMAGES_DATA_DIR: path.join(dir, 'data') }, stop: cluster.stop };
}

/**
 * The seed moved into a cluster through the service's own `migrate --from` (README "Moving an embedded
 * installation into a cluster"): a PostgreSQL data folder (initdb, an empty database `images`) and an
 * S3Proxy folder (the bucket), kept in seed-N/cluster with both servers stopped cleanly, so that each start
 * copies them. Made again when the embedded seed changed since (a machine or an account added).
 */
async function clusterSeed(seeded) {
  const seedDir = path.dirname(seeded.dataDir);
  const dir = path.join(seedDir, 'cluster');
  const info = path.join(dir, 'cluster.json');
  const from = fs.readFileSync(path.join(seedDir, 'bench.json'), 'utf8');
  if (fs.existsSync(info)) {
    const made = JSON.parse(fs.readFileSync(info, 'utf8'));
    if (made.from === from) return made;
  }
  log(`moving the seed into PostgreSQL and S3Proxy (kept in ${path.relative(ROOT, dir)} for later runs)`);
  fs.rmSync(dir, { recursive: true, force: true });
  const dataDir = path.join(dir, 'postgresql');
  fs.mkdirSync(dataDir, { recursive: true });
  // The file store's buckets are its folders.
  fs.mkdirSync(path.join(dir, 's3', BUCKET), { recursive: true });
  const password = crypto.randomUUID();
  const passwordFile = path.join(dir, 'password');
  fs.writeFileSync(passwordFile, password);
  const user = serverUser();
  if (user.uid !== undefined) fs.chownSync(dataDir, user.uid, user.gid);
  run(path.join(pgBin(), 'initdb'), ['-D', dataDir, '-U', DB_USER, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8',
    '--no-sync', '--no-instructions'], {}, user);
  fs.rmSync(passwordFile);

  const cluster = await startCluster(dir, password);
  run(path.join(pgBin(), 'createdb'), ['-h', '127.0.0.1', '-p', String(cluster.dbPort), '-U', DB_USER, 'images'], { PGPASSWORD: password });
  // migrate takes an installation of its own release's schema only: an admin command upgrades the seed
  // first, as a start of the service upgrades its copy.
  admin(seeded.dataDir, 'account', 'list');
  const started = performance.now();
  log(run(SERVICE, ['migrate', '--from', seeded.dataDir], cluster.env).trim());
  const migrateSeconds = (performance.now() - started) / 1000;
  await cluster.stop();
  const made = { from, dir, password, migrateSeconds };
  fs.writeFileSync(info, JSON.stringify(made));
  return made;
}

/** PostgreSQL and S3Proxy on a cluster folder (postgresql/, s3/): the service's settings for them, and stop(). */
async function startCluster(dir, password) {
  const [db, store] = await Promise.all([startPostgresql(path.join(dir, 'postgresql')), startS3Proxy(path.join(dir, 's3'))]);
  return {
    dbPort: db.port,
    env: {
      IMAGES_DB_URL: `jdbc:postgresql://127.0.0.1:${db.port}/images`, IMAGES_DB_USER: DB_USER, IMAGES_DB_PASSWORD: password,
      IMAGES_S3_ENDPOINT: `http://127.0.0.1:${store.port}`, IMAGES_S3_BUCKET: BUCKET,
      IMAGES_S3_ACCESS_KEY: S3_ACCESS_KEY, IMAGES_S3_SECRET_KEY: S3_SECRET_KEY,
    },
    stop: async () => { await store.stop(); await db.stop(); },
  };
}

/** Debian's PostgreSQL server programs (apt-get install postgresql), of the newest version installed. */
function pgBin() {
  const versions = fs.readdirSync('/usr/lib/postgresql').filter((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
  return `/usr/lib/postgresql/${Math.max(...versions.map(Number))}/bin`;
}

/** initdb refuses to run as root: as root, PostgreSQL's programs run as the postgres user the package makes. */
function serverUser() {
  if (process.getuid() !== 0) return {};
  return { uid: Number(run('id', ['-u', 'postgres'])), gid: Number(run('id', ['-g', 'postgres'])) };
}

/**
 * The postgres server itself (no pg_ctl: a child of the driver, stopped with the others) on a data folder and
 * a free loopback port, with no Unix socket (everything connects over TCP, and a socket's path under a deep
 * checkout can pass the 107 bytes allowed). Otherwise PostgreSQL's defaults, durable commits included, as a
 * cluster runs it (the tests' server turns fsync off for speed).
 */
async function startPostgresql(dataDir) {
  const port = await freePort();
  const bin = pgBin();
  const command = [path.join(bin, 'postgres'), '-D', dataDir, '-p', String(port), '-k', '', '-c', 'listen_addresses=127.0.0.1'];
  const ready = () => execFileAsync(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).then(() => 200);
  // On an error, SIGQUIT: PostgreSQL's immediate shutdown, which also removes its shared memory (SIGKILL leaves it).
  const server = await startServer(command, {}, ready, 'postgresql', { exitSignal: 'SIGQUIT', ...serverUser() });
  return { ...server, port };
}

/** S3Proxy as its authors ship it (the jar with dependencies bench/run fetches), on a folder of buckets, AWS V4 signatures. */
async function startS3Proxy(folder) {
  const port = await freePort();
  const properties = path.join(TARGET, 's3proxy.properties');
  fs.writeFileSync(properties, [
    `s3proxy.endpoint=http://127.0.0.1:${port}`, 's3proxy.authorization=aws-v4',
    `s3proxy.identity=${S3_ACCESS_KEY}`, `s3proxy.credential=${S3_SECRET_KEY}`,
    // jclouds asks every store for a login; the file store ignores it.
    'jclouds.provider=filesystem-nio2', 'jclouds.identity=unused', 'jclouds.credential=unused', `jclouds.filesystem.basedir=${folder}`,
  ].join('\n'));
  // Any answer will do: it refuses the unsigned request, but it listens.
  const server = await startServer(['java', '-jar', path.resolve(ROOT, process.env.S3PROXY_JAR), '--properties', properties], {},
    () => request(port, 'GET', '/').then(() => 200), 's3proxy');
  return { ...server, port };
}

/** The backend, for the tables' headings. */
function backendText() {
  if (options.backend === 'embedded') return 'embedded backend (H2 file and local files)';
  const pg = run(path.join(pgBin(), 'postgres'), ['--version']).match(/PostgreSQL\) (\S+)/)[1];
  const s3proxy = path.basename(process.env.S3PROXY_JAR).match(/^s3proxy-(.+)-jar-with-dependencies\.jar$/)[1];
  return `cluster backend (PostgreSQL ${pg}, S3Proxy ${s3proxy} on its file store)`;
}

// --- one run of each side -------------------------------------------------------------------------

async function bareRun(m) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/image`;
  const server = await startServer(['java', '-jar', BARE_JAR], { BARE_PORT: String(port) }, () => request(port, 'GET', '/image').then((r) => r.status), 'bare');
  try {
    m.bareStart.push(server.startMs);
    await warmUp((seconds) => wrk(url, { connections: 16, seconds }).rps, options.warmUp);
    m.bareRps.push(wrk(url, { connections: 16, seconds: options.seconds }).rps);
    m.bareRss.push(rssMiB(server.pid));
  } finally {
    await server.stop();
  }
}

/**
 * The packaged service on a fresh copy of the seed (its backend's, see startBackend), once it answers a
 * signed GetImage; stop() stops it and then its backend.
 */
async function startService(key, seeded) {
  const backend = await startBackend(seeded);
  const port = await freePort();
  const grpcPort = await freePort();
  const target = `/${LOGIN}/images/${seeded.imageId}`;
  const server = await startServer([SERVICE], { ...backend.env, QUARKUS_HTTP_PORT: String(port), IMAGES_GRPC_PORT: String(grpcPort) },
    () => request(port, 'GET', target, sign(key, 'get', target)).then((r) => r.status), 'service');
  return { ...server, port, grpcPort, stop: async () => { await server.stop(); await backend.stop(); } };
}

async function serviceRun(m, key, seeded) {
  const server = await startService(key, seeded);
  const { port, grpcPort } = server;
  const target = `/${LOGIN}/images/${seeded.imageId}`;
  const signedGet = (t) => sign(key, 'get', t);
  try {
    if (part('get')) {
      m.serviceStart.push(server.startMs);
      const url = `http://127.0.0.1:${port}${target}`;
      await warmUp((seconds) => wrk(url, { connections: 16, seconds, headers: signedGet(target) }).rps, options.warmUp);
      m.serviceRps.push(wrk(url, { connections: 16, seconds: options.seconds, headers: signedGet(target) }).rps);
      m.serviceRss.push(rssMiB(server.pid));
      m.p50.push(wrk(url, { connections: 1, seconds: options.seconds, headers: signedGet(target), latency: true }).p50ms);
    }
    if (part('grpc')) {
      m.restNode.push(await nodeRestCalls(port, target, signedGet(target), server.pid));
      m.grpcNode.push(await nodeGrpcCalls(grpcPort, key, seeded.imageId, server.pid));
    }
    if (part('list')) {
      m.listRate.push(await listImages(port, signedGet));
      m.listPeakRss.push(await concurrentListingsPeakRss(server.pid, port, signedGet));
    }
    if (part('create')) {
      m.createSeconds.push(await createImage(port, key, seeded));
    }
  } finally {
    await server.stop();
  }
}

/** GetImage over HTTP/1.1 keep-alive from Node, 16 requests in flight. */
async function nodeRestCalls(port, target, headers, serverPid) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  try {
    return await sixteenInFlight(async () => {
      const r = await request(port, 'GET', target, headers, undefined, agent);
      if (r.status !== 200) throw new Error(`GetImage answered ${r.status}`);
    }, serverPid);
  } finally {
    agent.destroy();
  }
}

/** GetImage over gRPC from Node (@grpc/grpc-js, one channel), 16 calls in flight. */
async function nodeGrpcCalls(port, key, imageId, serverPid) {
  const definition = protoLoader.loadSync('imageservice/v1/image_service.proto', { includeDirs: [PROTO_DIR], keepCase: true });
  const { ImageService } = grpc.loadPackageDefinition(definition).imageservice.v1;
  const client = new ImageService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const s = sign(key, 'post', '/imageservice.v1.ImageService/GetImage');
  const metadata = new grpc.Metadata();
  metadata.set('date', s.Date);
  metadata.set('authorization', s.Authorization);
  try {
    return await sixteenInFlight(() => new Promise((resolve, reject) =>
      client.GetImage({ login: LOGIN, id: imageId }, metadata, (err, image) => (err ? reject(err) : resolve(image)))), serverPid);
  } finally {
    client.close();
  }
}

/**
 * Calls per second with 16 calls in flight for options.seconds, after a warm-up of the same load, and
 * the CPU each call cost this client process and the server: client and server share the cores, so a
 * client that costs more per call leaves the server less.
 */
async function sixteenInFlight(call, serverPid) {
  const pass = async (seconds) => {
    const client = process.cpuUsage();
    const server = cpuSeconds(serverPid);
    const started = performance.now();
    const until = started + seconds * 1000;
    const loop = async () => { let n = 0; while (performance.now() < until) { await call(); n++; } return n; };
    const calls = (await Promise.all(Array.from({ length: 16 }, loop))).reduce((a, b) => a + b);
    const clientUsed = process.cpuUsage(client);
    return {
      rps: calls / ((performance.now() - started) / 1000),
      clientMicros: (clientUsed.user + clientUsed.system) / calls,
      serverMicros: ((cpuSeconds(serverPid) - server) * 1e6) / calls,
    };
  };
  await warmUp(async (seconds) => (await pass(seconds)).rps);
  return pass(options.seconds);
}

/** One full ListImages (state=all) of every seeded image, after an untimed one (the warm-up): images per second. */
async function listImages(port, signedGet) {
  const target = `/${LOGIN}/images?state=all`;
  await request(port, 'GET', target, signedGet(target));
  const started = performance.now();
  const r = await request(port, 'GET', target, signedGet(target));
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 200) throw new Error(`ListImages answered ${r.status}`);
  const count = JSON.parse(r.body.toString('utf8')).length;
  if (count < options.images) throw new Error(`ListImages answered ${count} images, expected ${options.images}`);
  return count / seconds;
}

/** Four full listings at once; the server's peak RSS meanwhile, sampled every 20 ms. */
async function concurrentListingsPeakRss(pid, port, signedGet) {
  const target = `/${LOGIN}/images?state=all`;
  let peak = rssMiB(pid);
  let running = true;
  const sampler = (async () => { while (running) { peak = Math.max(peak, rssMiB(pid)); await sleep(20); } })();
  const answers = await Promise.all(Array.from({ length: 4 }, () => request(port, 'GET', target, signedGet(target))));
  running = false;
  await sampler;
  for (const a of answers) if (a.status !== 200) throw new Error(`ListImages answered ${a.status}`);
  return peak;
}

/** CreateImageFromMachine until the image is active: seconds from the request to the active image. */
async function createImage(port, key, seeded) {
  const target = `/${LOGIN}/images`;
  const s = sign(key, 'post', target);
  const body = JSON.stringify({ machine: seeded.machineId, name: 'bench-created', version: `1.0.${Date.now()}` });
  const started = performance.now();
  const r = await request(port, 'POST', target, { ...s, 'Content-Type': 'application/json' }, body);
  if (r.status !== 201) throw new Error(`CreateImageFromMachine answered ${r.status}: ${r.body}`);
  const id = JSON.parse(r.body.toString('utf8')).id;
  for (;;) {
    await sleep(50);
    const t = `/${LOGIN}/images/${id}`;
    const image = JSON.parse((await request(port, 'GET', t, sign(key, 'get', t))).body.toString('utf8'));
    if (image.state === 'active') return (performance.now() - started) / 1000;
    if (image.state === 'failed') throw new Error(`image creation failed: ${JSON.stringify(image.error)}`);
  }
}

// --- soak ------------------------------------------------------------------------------------------

const CLONER = 'bench-cloner';
/** Weights of the soak's operations; create runs one at a time (one machine), a get stands in meanwhile. */
const MIX = { list: 20, get: 35, update: 20, clone: 10, delete: 10, create: 5 };
const EXPECTED = { list: 200, get: 200, update: 200, clone: 200, delete: 204, create: 201, poll: 200 };
/** Clones and created images waiting for their delete: past this many a clone deletes instead, so the data stays bounded. */
const POOL_MAX = 32;
const IN_FLIGHT_MAX = 64;

/** A second account, added to the seed once: CloneImage wants an image shared with the caller, not the caller's own. */
function cloner(seeded) {
  const dir = path.join(TARGET, CLONER);
  fs.mkdirSync(dir, { recursive: true });
  const clonerKey = loadKey(dir, CLONER);
  if (seeded.clonerKeyFingerprint !== clonerKey.fingerprint) {
    seeded.clonerId = crypto.randomUUID();
    admin(seeded.dataDir, 'account', 'add', CLONER, '--key', clonerKey.publicFile, '--id', seeded.clonerId);
    seeded.clonerKeyFingerprint = clonerKey.fingerprint;
    remember(seeded);
  }
  return { clonerKey, clonerId: seeded.clonerId };
}

/** Counts, latencies and unexpected answers of one phase. */
function tally() {
  const t = { byOp: {}, errors: 0, fiveXX: 0, firstErrors: [], notSent: 0 };
  t.add = (op, ms, status, detail) => {
    (t.byOp[op] ??= []).push(ms);
    if (status === EXPECTED[op]) return;
    t.errors++;
    if (status >= 500) t.fiveXX++;
    if (t.firstErrors.length < 10) t.firstErrors.push(`${op}: ${status ?? 'no answer'} ${String(detail).slice(0, 300)}`);
  };
  t.count = (ops = Object.keys(t.byOp)) => ops.reduce((n, op) => n + (t.byOp[op]?.length ?? 0), 0);
  return t;
}

const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

/**
 * RSS, open descriptors and threads of the service; with fullGc, first a full GC (jcmd GC.run) and the live heap:
 * without it, garbage the JVM has not collected yet, and the heap it grows into meanwhile, would count as growth.
 */
async function processFigures(pid, fullGc = true) {
  let heap;
  if (fullGc) {
    // Asynchronous: the figures half-way are taken under load, which must go on meanwhile.
    await execFileAsync('jcmd', [String(pid), 'GC.run']);
    heap = Number((await execFileAsync('jcmd', [String(pid), 'GC.heap_info'])).stdout.match(/used (\d+)K/)[1]) / 1024;
  }
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const fds = fs.readdirSync(`/proc/${pid}/fd`);
  const link = (fd) => { try { return fs.readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { return ''; } };
  return {
    heap,
    rss: rssMiB(pid),
    fds: fds.length,
    sockets: fds.filter((fd) => link(fd).startsWith('socket:')).length,
    threads: Number(status.match(/Threads:\s+(\d+)/)[1]),
  };
}

const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * The soak: the service on a copy of the seed, a warm-up that measures the peak (closed loop, 16 in flight),
 * then --minutes of the same mix at a paced rate (80 % of that peak, or --rate); the process's RSS, open
 * descriptors and threads after the warm-up and at the end. Answers the exit status (1 when the verdict fails).
 */
async function soak(key, seeded) {
  const service = await startService(key, seeded);
  // A new agent before each measurement: the keep-alive connections it holds are descriptors of the server too.
  const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT_MAX });
  let agent = newAgent();
  const closeConnections = () => { agent.destroy(); agent = newAgent(); };
  // Signing costs the client about a millisecond of CPU: one signature per target is reused for two minutes.
  const signatures = new Map();
  const call = (k, method, target, body) => {
    const cacheKey = `${k.login} ${method} ${target}`;
    let s = signatures.get(cacheKey);
    if (!s || Date.now() - s.at > 120000) signatures.set(cacheKey, s = { at: Date.now(), headers: sign(k, method.toLowerCase(), target) });
    const headers = body ? { ...s.headers, 'Content-Type': 'application/json' } : s.headers;
    return request(service.port, method, target, headers, body && JSON.stringify(body), agent);
  };
  let t = tally();
  /** One request, counted; answers it when its status is the expected one, else null. */
  const timed = async (op, send) => {
    const started = performance.now();
    try {
      const r = await send();
      t.add(op, performance.now() - started, r.status, r.body);
      return r.status === EXPECTED[op] ? r : null;
    } catch (e) {
      t.add(op, performance.now() - started, undefined, e.message);
      return null;
    }
  };

  try {
    // The image the cloner clones is the seed's active one, shared with it; the others take gets, lists and updates.
    const all = await call(key, 'GET', `/${LOGIN}/images?state=all`);
    if (all.status !== 200) throw new Error(`ListImages answered ${all.status}: ${all.body}`);
    const ids = JSON.parse(all.body.toString('utf8')).map((image) => image.id);
    const share = await call(key, 'POST', `/${LOGIN}/images/${seeded.imageId}?action=update`, { acl: [seeded.clonerId] });
    if (share.status !== 200) throw new Error(`sharing the image with ${CLONER} answered ${share.status}: ${share.body}`);

    const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
    const pool = [];
    const updating = new Set();
    let creating = null;
    let seq = 0;
    const ops = {
      list: () => timed('list', () => call(key, 'GET', `/${LOGIN}/images?state=all&name=img-${Math.floor(Math.random() * ids.length)}`)),
      get: () => timed('get', () => call(key, 'GET', `/${LOGIN}/images/${pick(ids)}`)),
      update: async () => {
        // Two updates of one field of one image at once may rightly conflict; the soak looks for other failures.
        const id = pick(ids);
        if (updating.has(id)) return ops.get();
        updating.add(id);
        try {
          await timed('update', () => call(key, 'POST', `/${LOGIN}/images/${id}?action=update`, { description: `soak update ${++seq}` }));
        } finally {
          updating.delete(id);
        }
      },
      clone: async () => {
        if (pool.length >= POOL_MAX) return ops.delete();
        const r = await timed('clone', () => call(seeded.clonerKey, 'POST', `/${CLONER}/images/${seeded.imageId}?action=clone`));
        if (r) pool.push({ owner: seeded.clonerKey, id: JSON.parse(r.body.toString('utf8')).id });
      },
      delete: async () => {
        const image = pool.shift();
        if (!image) return ops.clone();
        await timed('delete', () => call(image.owner, 'DELETE', `/${image.owner.login}/images/${image.id}`));
      },
      create: async () => {
        if (creating) return ops.get();
        creating = createAndWait().finally(() => { creating = null; });
      },
    };
    /** CreateImageFromMachine, then GetImage every 0.5 s ("poll") until the image is active; it joins the pool. */
    const createAndWait = async () => {
      const body = { machine: seeded.machineId, name: 'soak-created', version: `1.0.${Date.now()}` };
      const r = await timed('create', () => call(key, 'POST', `/${LOGIN}/images`, body));
      if (!r) return;
      const id = JSON.parse(r.body.toString('utf8')).id;
      const started = performance.now();
      for (;;) {
        await sleep(500);
        const g = await timed('poll', () => call(key, 'GET', `/${LOGIN}/images/${id}`));
        if (!g) return;
        const image = JSON.parse(g.body.toString('utf8'));
        if (image.state === 'active') { pool.push({ owner: key, id }); return; }
        if (image.state === 'failed' || performance.now() - started > 300000) {
          t.add('create', performance.now() - started, `image ${image.state}`, JSON.stringify(image.error ?? {}));
          pool.push({ owner: key, id });
          return;
        }
      }
    };
    const weighted = Object.entries(MIX).flatMap(([op, weight]) => Array(weight).fill(op));
    const next = () => ops[pick(weighted)]();
    const mixOps = Object.keys(MIX);

    log(`warm-up and peak: closed loop, 16 in flight, ${options.peakSeconds} s`);
    const peakStarted = performance.now();
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (performance.now() - peakStarted < options.peakSeconds * 1000) await next();
    }));
    const peak = t.count(mixOps) / ((performance.now() - peakStarted) / 1000);
    const warmUp = t;
    await creating;
    const rate = options.rate ?? 0.8 * peak;
    closeConnections();
    await sleep(2000);
    const start = await processFigures(service.pid);
    const loadAtStart = loadAverage();

    log(`soak: ${fmt(rate)} req/s for ${options.minutes} min (peak ${fmt(peak)} req/s)`);
    t = tally();
    const samples = [start];
    // Samples without the full GC, so as not to disturb the load: their maximum is the peak the soak reached.
    const sampler = setInterval(async () => samples.push(await processFigures(service.pid, false)), 10000);
    let middle;
    const halfWay = setTimeout(() => { middle = processFigures(service.pid); }, options.minutes * 30000);
    const soakStarted = performance.now();
    const pending = new Set();
    for (let n = 0; ; n++) {
      const due = soakStarted + (n * 1000) / rate;
      if (due - soakStarted >= options.minutes * 60000) break;
      if (due > performance.now()) await sleep(due - performance.now());
      if (pending.size >= IN_FLIGHT_MAX) { t.notSent++; continue; }
      const p = next().finally(() => pending.delete(p));
      pending.add(p);
      if (n % Math.round(rate * 60) === 0 && n) log(`soak: ${t.count()} requests, ${t.errors} errors`);
    }
    await Promise.all(pending);
    await creating;
    const soakSeconds = (performance.now() - soakStarted) / 1000;
    clearInterval(sampler);
    clearTimeout(halfWay);
    middle = await middle;
    closeConnections();
    await sleep(2000);
    const end = await processFigures(service.pid);
    samples.push(end);
    const soaked = t;
    // Not counted: the clones and created images still waiting are deleted, so the data ends as seeded.
    t = tally();
    while (pool.length) await ops.delete();
    if (t.errors) throw new Error(`deleting what the soak left answered: ${t.firstErrors.join('; ')}`);

    return soakReport({ peak, warmUp, rate, soaked, soakSeconds, start, middle, end, samples, loadAtStart, loadAtEnd: loadAverage(), seeded });
  } finally {
    agent.destroy();
    await service.stop();
  }
}

/** Growth from the start figure (after warm-up) to the end one that still counts as flat. */
const TOLERANCE = {
  rss: { relative: 0.10, text: '+10 %' }, heap: { relative: 0.10, text: '+10 %' },
  fds: { absolute: 10, text: '+10' }, threads: { absolute: 5, text: '+5' },
};

function soakReport(r) {
  const { soaked: t } = r;
  const all = Object.values(t.byOp).flat();
  const ms = (xs) => `${fmt(percentile(xs, 0.5))} / ${fmt(percentile(xs, 0.99))}`;
  const max = (field) => Math.max(...r.samples.map((s) => s[field]));
  const flat = Object.entries(TOLERANCE).map(([field, tol]) => {
    const allowed = tol.relative ? r.start[field] * tol.relative : tol.absolute;
    const growth = r.end[field] - r.start[field];
    const shown = tol.relative ? `${fmt(growth)} MiB, ${fmt((100 * growth) / r.start[field])} %` : String(growth);
    return { field, ok: growth <= allowed, text: `${field} ${growth >= 0 ? '+' : ''}${shown} (allowed ${tol.text})` };
  });
  const ok = t.errors === 0 && flat.every((f) => f.ok);
  const lines = [
    `${new Date().toISOString().slice(0, 16)}Z, ${os()}; ${backendText()}; load average ${r.loadAtStart} at the start, ${r.loadAtEnd} at the end; `
      + `${options.images} images seeded, a ${options.diskMiB} MiB disk`,
    '',
    '| measure | value |',
    '|---|---|',
    `| warm-up (closed loop, 16 in flight, ${options.peakSeconds} s): peak | ${fmt(r.peak)} req/s, ${r.warmUp.errors} errors |`,
    `| soak rate${options.rate ? ' (--rate)' : ' (80 % of the peak)'}, duration | ${fmt(r.rate)} req/s, ${fmt(r.soakSeconds / 60)} min |`,
    `| requests (${Object.keys(EXPECTED).map((op) => `${op} ${t.byOp[op]?.length ?? 0}`).join(', ')}) | ${all.length} |`,
    `| not sent (${IN_FLIGHT_MAX} already in flight) | ${t.notSent} |`,
    `| errors (an unexpected status or no answer) | ${t.errors} |`,
    `| 5xx | ${t.fiveXX} |`,
    `| latency p50 / p99 ms, all requests | ${ms(all)} |`,
    ...Object.keys(EXPECTED).filter((op) => t.byOp[op]).map((op) => `| latency p50 / p99 ms, ${op} | ${ms(t.byOp[op])} |`),
    ...[['RSS MiB', 'rss', fmt], ['live heap MiB', 'heap', fmt], ['open file descriptors', 'fds', String],
      ['of which sockets', 'sockets', String], ['threads', 'threads', String]]
      .map(([name, field, show]) => `| ${name}, after a full GC: after warm-up → half-way → end`
        + `${field === 'heap' ? '' : ' (max sampled every 10 s)'} | ${[r.start, r.middle, r.end].map((f) => (f ? show(f[field]) : '-')).join(' → ')}`
        + `${field === 'heap' ? '' : ` (${show(max(field))})`} |`),
    '',
    `verdict: ${ok ? 'PASS' : 'FAIL'}: ${t.errors} errors; ${flat.map((f) => f.text).join('; ')}`,
    ...t.firstErrors.map((e) => `  first errors: ${e}`),
  ];
  console.log(lines.join('\n'));
  return ok ? 0 : 1;
}

function timeShell(script) {
  const started = performance.now();
  run('bash', ['-o', 'pipefail', '-c', script]);
  return (performance.now() - started) / 1000;
}

// --- the table ---------------------------------------------------------------------------------------

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const stats = (xs) => `${fmt(Math.min(...xs))} / ${fmt(median(xs))} / ${fmt(Math.max(...xs))}`;
const ratios = (a, b) => a.map((x, i) => x / b[i]);
const field = (runs, name) => runs.map((r) => r[name]);

function table(m, seeded) {
  const rows = [
    ['signed GetImage req/s ÷ bare constant endpoint (wrk -t1 -c16)', ratios(m.serviceRps, m.bareRps), '≥ 0.5',
      `service ${stats(m.serviceRps)}, bare ${stats(m.bareRps)} req/s`],
    [`GetImage p50 ms, one keep-alive connection, ${options.images} images`, m.p50, '≤ 1', ''],
    ['gRPC GetImage ÷ REST GetImage (Node, 16 in flight)', ratios(field(m.grpcNode, 'rps'), field(m.restNode, 'rps')), '≥ 1.5',
      `gRPC ${stats(field(m.grpcNode, 'rps'))}, REST ${stats(field(m.restNode, 'rps'))} req/s; CPU µs per call, Node client: `
      + `gRPC ${stats(field(m.grpcNode, 'clientMicros'))}, REST ${stats(field(m.restNode, 'clientMicros'))}; `
      + `server: gRPC ${stats(field(m.grpcNode, 'serverMicros'))}, REST ${stats(field(m.restNode, 'serverMicros'))}`],
    [`CreateImageFromMachine ${options.diskMiB} MiB ÷ gzip -6 \\| sha1sum (speed)`, ratios(m.gzipSeconds, m.createSeconds), '≥ 1.5',
      `create ${stats(m.createSeconds)} s, gzip ${stats(m.gzipSeconds)} s`],
    [`the same ÷ pigz -p2 -6 \\| sha1sum (speed)`, ratios(m.pigzSeconds, m.createSeconds), '≥ 1.0', `pigz ${stats(m.pigzSeconds)} s`],
    [`full ListImages at ${options.images} images, images/s`, m.listRate, '≥ 25000', ''],
    [`peak RSS MiB, 4 concurrent listings of ${options.images}`, m.listPeakRss, '≤ 1024', ''],
    ['start to first answered request ÷ bare', ratios(m.serviceStart, m.bareStart), '≤ 2',
      `service ${stats(m.serviceStart)} ms, bare ${stats(m.bareStart)} ms`],
    ['RSS after GetImage load ÷ bare', ratios(m.serviceRss, m.bareRss), '≤ 2',
      `service ${stats(m.serviceRss)} MiB, bare ${stats(m.bareRss)} MiB`],
  ];
  const lines = [
    `${new Date().toISOString().slice(0, 16)}Z, ${os()}; ${backendText()}; ${options.runs} runs per side, alternating, `
      + `${options.seconds} s each; seeded ${options.images} images in ${fmt(seeded.seedSeconds)} s (admin image import)`
      + (seeded.cluster ? `, moved into the cluster in ${fmt(seeded.cluster.migrateSeconds)} s (migrate)` : ''),
    '',
    '| measure | min / median / max | target | sides (min / median / max) |',
    '|---|---|---|---|',
    ...rows.filter(([, xs]) => xs.length).map(([name, xs, target, detail]) => `| ${name} | ${stats(xs)} | ${target} | ${detail} |`),
  ];
  return lines.join('\n');
}

function os() {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
  const mem = Math.round(Number(fs.readFileSync('/proc/meminfo', 'utf8').match(/MemTotal:\s+(\d+)/)[1]) / 1024 / 1024);
  const java = run('bash', ['-c', 'java -version 2>&1 | head -1']).trim();
  return `${run('nproc', []).trim()} cores (${cpu}), ${mem} GiB, ${java}`;
}

// --- main ----------------------------------------------------------------------------------------------

fs.mkdirSync(TARGET, { recursive: true });
const key = loadKey(TARGET);
log(`seeding ${options.images} images (kept in bench/target/seed-${options.images} for later runs)`);
const seed0 = seed(key);
// A start upgrades its copy of the seed to the jar's schema (Flyway): done once here instead, so that the
// start row measures a start on a current database, as every start after the first of a release is.
admin(seed0.dataDir, 'account', 'list');
const seeded = { ...seed0, ...machine(seed0), ...(options.soak ? cloner(seed0) : {}) };
if (options.backend === 'cluster') seeded.cluster = await clusterSeed(seed0);
if (options.seedOnly) process.exit(0);
if (options.soak) process.exit(await soak(key, seeded));
const m = {
  bareStart: [], bareRps: [], bareRss: [], serviceStart: [], serviceRps: [], serviceRss: [], p50: [],
  restNode: [], grpcNode: [], listRate: [], listPeakRss: [], createSeconds: [], gzipSeconds: [], pigzSeconds: [],
};
for (let i = 1; i <= options.runs; i++) {
  if (part('get')) {
    log(`run ${i}/${options.runs}: bare endpoint`);
    await bareRun(m);
  }
  log(`run ${i}/${options.runs}: service`);
  await serviceRun(m, key, seeded);
  if (part('create')) {
    log(`run ${i}/${options.runs}: gzip and pigz`);
    m.gzipSeconds.push(timeShell(`gzip -6 < '${seeded.disk}' | sha1sum`));
    m.pigzSeconds.push(timeShell(`pigz -p2 -6 < '${seeded.disk}' | sha1sum`));
  }
}
console.log(table(m, seeded));
