#!/usr/bin/env python3
"""Hostile-input survey of nnj's readers through the CLI (docs/RELIABILITY.md). Each case is a
command expected to fail (or, marked expect_ok, to succeed); outcomes: clean error, stack trace,
hang, OOM, wrong success. Usage, from the repository root after `./nnj backends` built the jar:
    flock -s /tmp/nnj-cpu.lock python3 scripts/hostile_survey.py
Writes its files under /tmp/nnj-survey and the per-case outcomes to /tmp/nnj-survey/details.tsv.
Optional: /tmp/rel13-big.csv (see docs/RELIABILITY.md) adds the 50 MB CSV at -Xmx64m."""
import gzip, hashlib, json, os, random, struct, subprocess, sys, collections

JAR = os.path.abspath('nn-examples/target/nnj.jar')
W = '/tmp/nnj-survey/w'
os.makedirs(W, exist_ok=True)
SEEDS = '/tmp/nnj-survey'
random.seed(13)

def run(args, timeout=90, heap='-Xmx256m'):
    cmd = ['java', '--add-modules', 'jdk.incubator.vector', heap, '-jar', JAR] + args
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, text=True, errors='replace')
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, '', ''

def classify(rc, out, err, expect_ok):
    text = out + err
    if rc is None: return 'hang'
    if 'OutOfMemoryError' in text: return 'OOM'
    if '\tat ' in text or 'Exception in thread' in text: return 'stack trace'
    if expect_ok: return 'ok' if rc == 0 else 'wrong refusal'
    if rc == 0: return 'wrong success'
    return 'clean error'

results = collections.defaultdict(collections.Counter)
details = []
def case(cat, name, args, expect_ok=False, check=None, **kw):
    rc, out, err = run(args, **kw)
    c = classify(rc, out, err, expect_ok)
    if c in ('ok', 'clean error') and check is not None and not check(rc, out, err):
        c = 'wrong success' if not expect_ok else 'wrong refusal'
    results[cat][c] += 1
    last = (err.strip().splitlines() or [''])[-1][:220]
    details.append((cat, name, c, last))

# ------------------------------------------------------------------ model files
def read_st(path):
    b = open(path, 'rb').read()
    n = struct.unpack('<Q', b[:8])[0]
    return json.loads(b[8:8+n]), b[8+n:]

def canonical(meta, header):
    out = bytearray()
    def s(x):
        e = x.encode(); out.extend(struct.pack('>i', len(e))); out.extend(e)
    m = {k: v for k, v in meta.items() if k != 'sha256'}
    out.extend(struct.pack('>i', len(m)))
    for k in sorted(m):
        s(k); s(m[k])
    ts = [(k, v) for k, v in header.items() if k != '__metadata__']
    out.extend(struct.pack('>i', len(ts)))
    for k, v in ts:
        s(k); out.extend(struct.pack('>i', len(v['shape'])))
        for d in v['shape']: out.extend(struct.pack('>i', d))
        out.extend(struct.pack('>q', v['data_offsets'][0])); out.extend(struct.pack('>q', v['data_offsets'][1]))
    return bytes(out)

def write_st(path, header, data, resign=False, raw_json=None):
    if resign:
        h = hashlib.sha256(canonical(header['__metadata__'], header)); h.update(data)
        header['__metadata__']['sha256'] = h.hexdigest()
    j = (raw_json if raw_json is not None else json.dumps(header, separators=(',', ':'))).encode()
    j += b' ' * ((8 - len(j) % 8) % 8)
    open(path, 'wb').write(struct.pack('<Q', len(j)) + j + data)

IRIS = SEEDS + '/iris.safetensors'
if not os.path.exists(IRIS):
    run(['train', '--dataset', 'iris', '--epochs', '3', '--quiet', '--out', IRIS])
good = open(IRIS, 'rb').read()
# iris features without target, for predict
feat = W + '/iris-features.csv'
open(feat, 'w').write('5.1,3.5,1.4,0.2\n6.2,2.9,4.3,1.3\n7.7,3.0,6.1,2.3\n')

def model_case(name, path, expect_ok=False):
    case('model files', name + ' [evaluate]', ['evaluate', '--model', path, '--dataset', 'iris'], expect_ok)
    case('model files', name + ' [predict]', ['predict', '--model', path, '--input', feat], expect_ok)

model_case('valid iris model', IRIS, expect_ok=True)
# truncations
for i, cut in enumerate(sorted(random.sample(range(1, len(good)), 20))):
    p = f'{W}/trunc{i}.safetensors'; open(p, 'wb').write(good[:cut]); model_case(f'truncated at {cut}', p)
# byte flips anywhere
for i, pos in enumerate(sorted(random.sample(range(len(good)), 60))):
    b = bytearray(good); b[pos] ^= 1 << random.randrange(8)
    p = f'{W}/flip{i}.safetensors'; open(p, 'wb').write(b); model_case(f'bit flip at byte {pos}', p)

def edited(name, fn, resign, **kw):
    h, data = read_st(IRIS)
    r = fn(h, data)
    if r is not None: h, data = r
    p = f'{W}/{name.replace(" ", "_").replace("/", "_")}.safetensors'
    write_st(p, h, data, resign=resign, **kw)
    model_case(name + (' (checksum recomputed)' if resign else ''), p)

def arch(h): return json.loads(h['__metadata__']['architecture'])
def set_arch(h, a): h['__metadata__']['architecture'] = json.dumps(a, separators=(',', ':'))
def act_edit(h, d):
    a = arch(h); a[1]['type'] = 'Tanh'; set_arch(h, a)
def drop(key):
    def f(h, d): h['__metadata__'].pop(key)
    return f
def drop_norm_tensors(h, d):
    m = h.pop('normalization.mean'); s = h.pop('normalization.std')
    lo = min(m['data_offsets'][0], s['data_offsets'][0])
    return h, d[:lo] + d[max(m['data_offsets'][1], s['data_offsets'][1]):]
def huge(h, d):
    set_arch(h, [{"type": "Dense", "config": {"in": "46340", "out": "46340"}}])
def deep(h, d):
    set_arch(h, [{"type": "Dense", "config": {"in": "4000", "out": "4000"}}] * 62)
def config_list(h, d):
    a = arch(h); a[0]['config'] = [1]; set_arch(h, a)
def newline_class(h, d):
    h['__metadata__']['class_names'] = json.dumps(["setosa", "versi\ncolor", "virginica"])
def classes_2(h, d):
    h['__metadata__']['class_names'] = json.dumps(["a", "b"])
def task_reg(h, d):
    h['__metadata__']['task'] = 'regression'
def v1(h, d):
    h['__metadata__']['format_version'] = '1'
def neg(h, d):
    a = arch(h); a[0]['config']['in'] = '-4'; set_arch(h, a)
def unknown_layer(h, d):
    a = arch(h); a[1]['type'] = 'Conv9D'; set_arch(h, a)
def lenient_arch(h, d):
    h['__metadata__']['architecture'] = h['__metadata__']['architecture'].replace('"', "'")
def comment_arch(h, d):
    h['__metadata__']['architecture'] = '/* hi */' + h['__metadata__']['architecture']
def nan_weights(h, d):
    return h, struct.pack('<f', float('nan')) * (len(d) // 4)
def input_width(h, d):
    h['__metadata__']['input_width'] = '5'
def norm_none(h, d):
    h['__metadata__']['normalization'] = 'none'
def deep_nesting(h, d):
    h['__metadata__']['class_names'] = '[' * 100000 + ']' * 100000
def dataset_path(h, d):
    h['__metadata__']['nnj_training'] = json.dumps({"dataset": "csv:/etc/passwd", "seed": 42, "test_fraction": 0.2})
EDITS = [('activation edited', act_edit), ('architecture removed', drop('architecture')), ('task removed', drop('task')),
         ('normalization key removed', drop('normalization')), ('class names removed', drop('class_names')),
         ('normalization tensors removed', drop_norm_tensors), ('Dense 46340x46340', huge), ('62 Dense 4000x4000', deep),
         ('config [1]', config_list), ('class name with newline', newline_class), ('2 class names for 3 outputs', classes_2),
         ('task changed to regression', task_reg), ('format_version 1', v1), ('negative width', neg),
         ('unknown layer type', unknown_layer), ('single-quoted architecture', lenient_arch),
         ('comment in architecture', comment_arch), ('input_width disagrees', input_width),
         ('normalization none with tensors', norm_none), ('class_names nested 100000 deep', deep_nesting)]
for name, fn in EDITS:
    edited(name, fn, resign=False)
    if name != 'activation edited':
        edited(name, fn, resign=True)
# A re-signed edit is a consistent new model: the checksum finds changed bytes, it is not a signature.
h, data = read_st(IRIS); act_edit(h, data); write_st(f'{W}/act-resigned.safetensors', h, data, resign=True)
model_case('activation edited, checksum recomputed (a valid new model)', f'{W}/act-resigned.safetensors', expect_ok=True)
edited('NaN weights', nan_weights, resign=False)
# header-level hostility
h, data = read_st(IRIS)
write_st(f'{W}/lenient-header.safetensors', h, data, raw_json=json.dumps(h).replace('"dtype"', "'dtype'"))
model_case('single quotes in header', f'{W}/lenient-header.safetensors')
write_st(f'{W}/comment-header.safetensors', h, data, raw_json='/*x*/' + json.dumps(h))
model_case('comment in header', f'{W}/comment-header.safetensors')
shape = '{"w":{"dtype":"F32","shape":[' + ','.join(['1'] * 3_000_000) + '],"data_offsets":[0,4]}}'
j = shape.encode(); open(f'{W}/shape3m.safetensors', 'wb').write(struct.pack('<Q', len(j)) + j + b'\0\0\0\0')
model_case('3M-entry shape array (6 MB header)', f'{W}/shape3m.safetensors')
big = '{"w":{"dtype":"F32","shape":[100000000],"data_offsets":[0,400000000]}}'.encode()
with open(f'{W}/sparse400.safetensors', 'wb') as f:
    f.write(struct.pack('<Q', len(big)) + big); f.truncate(8 + len(big) + 400_000_000)
model_case('400 MB tensor (sparse file)', f'{W}/sparse400.safetensors')
open(f'{W}/len.safetensors', 'wb').write(struct.pack('<Q', 2**63) + b'{}')
model_case('header length 2^63', f'{W}/len.safetensors')
open(f'{W}/empty.safetensors', 'wb').write(b'')
model_case('empty file', f'{W}/empty.safetensors')
open(f'{W}/text.safetensors', 'w').write('hello world, not a model\n' * 10)
model_case('a text file', f'{W}/text.safetensors')
case('model files', 'directory as model [evaluate]', ['evaluate', '--model', W, '--dataset', 'iris'])

# ------------------------------------------------------------------ IDX directories
def idx(dims, data):
    return bytes([0, 0, 8, len(dims)]) + b''.join(struct.pack('>I', d) for d in dims) + bytes(data)
def idxdir(name, files):
    d = f'{W}/idx-{name}'; os.makedirs(d, exist_ok=True)
    for k, v in files.items():
        open(f'{d}/{k}', 'wb').write(v)
    return d
def base_files(ntr=40, nte=10, k=4, label_fix=None):
    tr_l = [i % k for i in range(ntr)]; te_l = [i % k for i in range(nte)]
    if label_fix: label_fix(tr_l, te_l)
    return {'train-images-idx3-ubyte': idx([ntr, 3, 3], [(i * 7) % 256 for i in range(ntr * 9)]),
            'train-labels-idx1-ubyte': idx([ntr], tr_l),
            't10k-images-idx3-ubyte': idx([nte, 3, 3], [(i * 5) % 256 for i in range(nte * 9)]),
            't10k-labels-idx1-ubyte': idx([nte], te_l)}
def idx_case(name, files, expect_ok=False, check=None):
    d = idxdir(name.replace(' ', '_'), files)
    case('IDX directories', name, ['train', '--dataset', 'idx:' + d, '--epochs', '1', '--layers', '4', '--quiet'], expect_ok, check)
idx_case('valid 4-class set', base_files(), expect_ok=True)
def lab200(tr, te): tr[3] = 200
def unseen(tr, te): te[2] = 5
def missing(tr, te):
    for i in range(len(tr)):
        if tr[i] == 2: tr[i] = 1
idx_case('train label 200', base_files(label_fix=lab200))
idx_case('test label unseen in training', base_files(label_fix=unseen))
idx_case('class 2 missing from training', base_files(label_fix=missing))
f = base_files(); f['train-labels-idx1-ubyte'] = idx([40], [0] * 40); idx_case('a single class', f)
f = base_files(); f['train-images-idx3-ubyte'] = f['train-images-idx3-ubyte'][:-5]; idx_case('truncated images', f)
f = base_files(); f['train-images-idx3-ubyte'] += b'xx'; idx_case('trailing bytes', f)
f = base_files(); f['train-labels-idx1-ubyte'] = idx([41], [0] * 41); idx_case('count mismatch', f)
f = base_files(); f['t10k-images-idx3-ubyte'] = idx([10, 4, 2], [0] * 80); idx_case('test shape differs', f)
f = base_files(); f['train-images-idx3-ubyte'], f['train-labels-idx1-ubyte'] = f['train-labels-idx1-ubyte'], f['train-images-idx3-ubyte']; idx_case('swapped files', f)
f = base_files(); f['train-images-idx3-ubyte'] = bytes([0, 0, 8, 9]) + b'\0' * 36; idx_case('rank 9', f)
f = base_files(); f['train-images-idx3-ubyte'] = bytes([0, 0, 0x0D, 3]) + f['train-images-idx3-ubyte'][4:]; idx_case('float type', f)
f = base_files(); f['train-images-idx3-ubyte'] = idx([0x7fffffff, 28, 28], []); idx_case('dims overflow', f)
f = base_files(); f['train-images-idx3-ubyte'] = idx([0, 3, 3], []); idx_case('zero images', f)
f = base_files(); f['train-images-idx3-ubyte'] = b'PK\x03\x04' + b'\0' * 50; idx_case('a zip file', f)
f = base_files(); del f['t10k-labels-idx1-ubyte']; idx_case('missing file', f)
f = base_files(); f['train-images-idx3-ubyte.gz'] = gzip.compress(f.pop('train-images-idx3-ubyte'))[:-9]; idx_case('truncated gzip', f)
f = base_files(); g = bytearray(gzip.compress(f.pop('train-images-idx3-ubyte'))); g[20] ^= 0xff; f['train-images-idx3-ubyte.gz'] = bytes(g); idx_case('corrupt gzip', f)
# the bomb: 2.1 GB of images in ~2 MB of gzip
bomb = f'{W}/idx-bomb'; os.makedirs(bomb, exist_ok=True)
n = 2_700_000
with gzip.open(f'{bomb}/train-images-idx3-ubyte.gz', 'wb', compresslevel=9) as g:
    g.write(idx([n, 28, 28], [])); z = bytes(1 << 22); left = n * 784
    while left > 0:
        g.write(z[:min(len(z), left)]); left -= len(z)
for k, v in base_files().items():
    if k != 'train-images-idx3-ubyte':
        open(f'{bomb}/{k}', 'wb').write(v)
open(f'{bomb}/train-labels-idx1-ubyte', 'wb').write(idx([n], [i % 4 for i in range(n)]))
case('IDX directories', 'gzip bomb 2.1 GB of images', ['train', '--dataset', 'idx:' + bomb, '--epochs', '1', '--quiet'],
     check=lambda rc, o, e: 'heap' in e)

# ------------------------------------------------------------------ CSV
def csv_case(name, text, expect_ok=False, check=None, binary=False, cmd='train'):
    p = f'{W}/{name.replace(" ", "_").replace("/", "_")}.csv'
    open(p, 'wb' if binary else 'w').write(text)
    if cmd == 'train':
        case('CSV', name, ['train', '--dataset', 'csv:' + p, '--epochs', '1', '--layers', '4', '--quiet'], expect_ok, check)
    else:
        case('CSV', name + ' [predict]', ['predict', '--model', IRIS, '--input', p], expect_ok, check)
rows = ''.join(f'{random.random():.3f},{random.random():.3f},{i % 2}\n' for i in range(60))
csv_case('valid headerless', rows, expect_ok=True)
csv_case('valid with header', 'a,b,y\n' + rows, expect_ok=True)
csv_case('1e400 in the first row', '1e400,2,0\n' + rows, check=lambda rc, o, e: 'line 1' in e)
csv_case('1e400 later', rows + '1e400,2,0\n')
csv_case('1e308 (beyond float)', rows + '1e308,2,0\n')
csv_case('-1e39', rows + '-1e39,2,0\n')
csv_case('NaN', rows + 'NaN,2,0\n')
csv_case('Infinity', rows + 'Infinity,2,0\n')
csv_case('empty cell', rows + ',2,0\n')
csv_case('ragged row', rows + '1,2\n')
csv_case('unclosed quote', rows + '"1,2,0\n')
csv_case('binary garbage', bytes(random.randrange(256) for _ in range(5000)), binary=True)
csv_case('10 MB line without newline', '1,' * 5_000_000)
csv_case('one column', ''.join(f'{i}\n' for i in range(50)))
csv_case('header only', 'a,b,y\n')
csv_case('empty file', '')
csv_case('hex number', rows + '0x10,2,0\n')
csv_case('text category', rows + 'red,2,0\n')
csv_case('label 2.5 (regression inferred)', rows + '1,2,2.5\n', expect_ok=True)
csv_case('constant target', ''.join(f'{i},{i},1\n' for i in range(50)))
csv_case('latin-1 bytes', ('a,b,y\n' + rows).encode() + b'\xe9,1,0\n', binary=True)
csv_case('predict 1e308', '1e308,3.5,1.4,0.2\n', cmd='predict')
csv_case('predict 1e400 first row', '1e400,3.5,1.4,0.2\n5.1,3.5,1.4,0.2\n', cmd='predict')
csv_case('predict NaN', '5.1,NaN,1.4,0.2\n', cmd='predict')
csv_case('predict wrong width', '5.1,3.5,1.4\n', cmd='predict')
csv_case('predict valid', '5.1,3.5,1.4,0.2\n', cmd='predict', expect_ok=True)
csv_case('predict 3e38 (fits a float)', '3e38,3.5,1.4,0.2\n', cmd='predict', check=lambda rc, o, e: 'NaN' not in o)
# 50 MB CSV at 64 MB heap: refused with the figures
big = '/tmp/rel13-big.csv'
if os.path.exists(big):
    case('CSV', '50 MB CSV at -Xmx64m', ['train', '--dataset', 'csv:' + big, '--epochs', '1', '--quiet'], heap='-Xmx64m',
         check=lambda rc, o, e: 'heap' in e)

# ------------------------------------------------------------------ CLI-side (not changed here)
h, data = read_st(IRIS); h['__metadata__']['nnj_training'] = json.dumps({"dataset": "csv:/etc/passwd", "seed": 42, "test_fraction": 0.2})
write_st(f'{W}/recorded-path.safetensors', h, data, resign=True)
case('CLI (pending)', 'recorded dataset csv:/etc/passwd, evaluate without --dataset', ['evaluate', '--model', f'{W}/recorded-path.safetensors'])
case('CLI (pending)', '--threads 100000', ['train', '--dataset', 'iris', '--epochs', '1', '--threads', '100000', '--quiet'])
case('CLI (pending)', '--layers 100000000', ['train', '--dataset', 'iris', '--epochs', '1', '--layers', '100000000', '--quiet'])
os.makedirs(f'{W}/outdir', exist_ok=True)
case('CLI (pending)', '--out to a directory', ['train', '--dataset', 'iris', '--epochs', '1', '--out', f'{W}/outdir/', '--quiet'])
case('CLI (pending)', '--out under a missing root dir', ['train', '--dataset', 'iris', '--epochs', '1', '--out', '/proc/nope/m.safetensors', '--quiet'])
case('CLI (pending)', '--plot to /proc', ['train', '--dataset', 'iris', '--epochs', '1', '--plot', '/proc/nope', '--quiet'])
case('CLI (pending)', '--epochs -1', ['train', '--dataset', 'iris', '--epochs', '-1', '--quiet'])
case('CLI (pending)', '--lr abc (picocli)', ['train', '--dataset', 'iris', '--lr', 'abc', '--quiet'])
case('CLI (pending)', 'unknown option (picocli)', ['train', '--bogus'])

for cat, c in results.items():
    print(cat, dict(c), sum(c.values()))
with open('/tmp/nnj-survey/details.tsv', 'w') as f:
    for d in details:
        f.write('\t'.join(d) + '\n')
