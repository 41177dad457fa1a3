#!/usr/bin/env python3
"""Hostile-input survey of nnj's readers through the CLI (docs/RELIABILITY.md). Each case is a
command expected to fail (or, marked expect_ok, to succeed); outcomes: clean error, stack trace,
hang, OOM, wrong success. Usage, from the repository root after `./nnj backends` built the jar:
    flock -s /tmp/nnj-cpu.lock python3 scripts/hostile_survey.py
Writes its files under /tmp/nnj-survey and the per-case outcomes to /tmp/nnj-survey/details.tsv.
Optional: /tmp/rel13-big.csv (see docs/RELIABILITY.md) adds the 50 MB CSV at -Xmx64m.
NNJ_SURVEY_ONLY=CLI (a category's first word) runs only that category's cases."""
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
ONLY = os.environ.get('NNJ_SURVEY_ONLY')  # e.g. "CLI" to run one category while working on it
def case(cat, name, args, expect_ok=False, check=None, **kw):
    if ONLY and not cat.startswith(ONLY):
        return
    rc, out, err = run(args, **kw)
    c = classify(rc, out, err, expect_ok)
    if c in ('ok', 'clean error') and check is not None and not check(rc, out, err):
        # a refusal whose words miss the point is not clean; an exit 0 whose output fails its check is wrong
        c = 'wrong refusal' if expect_ok and c != 'ok' else 'wrong success' if c == 'ok' else 'unclear error'
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

# ------------------------------------------------------------------ CLI options
C = 'CLI options'
def one_line(rc, o, e):  # a clean refusal is one nnj: line with a pointer to the help, or the list of choices
    lines = [l for l in e.splitlines() if not l.startswith('WARNING: Using incubator')]
    if not lines or not lines[0].startswith('nnj: '):
        return False
    if len(lines) == 1:
        return lines[0].endswith('--help)')
    return all(l.startswith('  ') or l.endswith(':') for l in lines[1:])  # e.g. unknown backend: the backends
def refused(*words):  # ... and names the problem in these words
    return lambda rc, o, e: one_line(rc, o, e) and all(w in e for w in words)
def opt_case(name, args, check=None, expect_ok=False, **kw):
    case(C, name, args, expect_ok, check if check is not None else (None if expect_ok else one_line), **kw)
IR = ['train', '--dataset', 'iris', '--epochs', '1', '--quiet']
# a model file's recorded data: read only when bundled; never a path or a download the user did not name
def recorded(name, rec):
    h, data = read_st(IRIS); h['__metadata__']['nnj_training'] = json.dumps(rec)
    p = f'{W}/recorded-{name}.safetensors'; write_st(p, h, data, resign=True); return p
passwd = lambda rc, o, e: one_line(rc, o, e) and 'root:' not in e and 'root:' not in o
opt_case('recorded dataset csv:/etc/passwd, evaluate without --dataset',
         ['evaluate', '--model', recorded('passwd', {"dataset": "csv:/etc/passwd", "seed": 42, "test_fraction": 0.2})],
         refused('--dataset'))
opt_case('recorded dataset idx:/etc, evaluate without --dataset',
         ['evaluate', '--model', recorded('idx', {"dataset": "idx:/etc", "seed": 42, "test_fraction": 0})], passwd)
opt_case('recorded test_dataset csv:/etc/passwd beside iris',
         ['evaluate', '--model', recorded('testset', {"dataset": "iris", "seed": 42, "test_fraction": 0,
                                                      "test_dataset": "csv:/etc/passwd"})], refused('--test-dataset'))
opt_case('recorded dataset mnist (would download)',
         ['evaluate', '--model', recorded('mnist', {"dataset": "mnist", "seed": 42, "test_fraction": 0})],
         refused('--dataset'), timeout=20)
opt_case('recorded dataset with a newline and an escape',
         ['evaluate', '--model', recorded('ctl', {"dataset": "csv:/etc/passwd\n\u001b[31mred", "seed": 42,
                                                  "test_fraction": 0.2})], refused('--dataset'))
opt_case('recorded iris, evaluate without --dataset (valid)',
         ['evaluate', '--model', recorded('iris', {"dataset": "iris", "seed": 42, "test_fraction": 0.2})], expect_ok=True)
# sizes that cannot fit: refused before any weight exists, with the figures
heap = refused('parameters', 'Java heap has', '-Xmx')
opt_case('--layers 100000000', IR + ['--layers', '100000000'], heap)
opt_case('--layers 2147483647', IR + ['--layers', '2147483647'], heap)
opt_case('--layers 46340,46340', IR + ['--layers', '46340,46340'], heap)
opt_case('--layers 8000 (fits parameters, not the data width 64 × batch 100000)',
         ['train', '--epochs', '1', '--quiet', '--layers', '8000', '--batch-size', '100000'], heap)
opt_case('--batch-size 2147483647', IR + ['--batch-size', '2147483647'], heap)
opt_case('--arch conv20000,conv20000', ['train', '--epochs', '1', '--quiet', '--arch', 'conv20000,conv20000',
                                        '--input-shape', '1,8,8'], heap)
opt_case('--arch conv4096 on 8x8 (activations)', ['train', '--epochs', '1', '--quiet', '--arch', 'conv4096',
                                                  '--input-shape', '1,8,8'], heap)
opt_case('--arch conv2048,dense100000', ['train', '--epochs', '1', '--quiet', '--arch', 'conv2048,dense100000',
                                         '--input-shape', '1,8,8'], heap)
opt_case('--arch conv99999999999', ['train', '--epochs', '1', '--quiet', '--arch', 'conv99999999999',
                                    '--input-shape', '1,8,8'], refused('too large'))
opt_case('--arch dense0', ['train', '--epochs', '1', '--quiet', '--arch', 'dense0', '--input-shape', '1,8,8'])
opt_case('--arch conv16k9p0 on 8x8', ['train', '--epochs', '1', '--quiet', '--arch', 'conv16k9p0', '--input-shape', '1,8,8'])
opt_case('--arch bogus', ['train', '--epochs', '1', '--quiet', '--arch', 'conv16,bogus'])
opt_case('--input-shape 0,0,0', ['train', '--epochs', '1', '--quiet', '--arch', 'cnn', '--input-shape', '0,0,0'])
opt_case('--input-shape not matching', ['train', '--epochs', '1', '--quiet', '--arch', 'cnn', '--input-shape', '1,9,9'])
opt_case('--layers 0', IR + ['--layers', '0'])
opt_case('--layers -5', IR + ['--layers', '-5'])
opt_case('--layers abc', IR + ['--layers', 'abc'])
opt_case('--layers 99999999999', IR + ['--layers', '99999999999'])
opt_case('--threads 100000', IR + ['--threads', '100000'])
opt_case('--threads 0', IR + ['--threads', '0'])
opt_case('--threads -1 (predict)', ['predict', '--model', IRIS, '--input', feat, '--threads', '-1'])
# output paths: checked before training
os.makedirs(f'{W}/outdir', exist_ok=True)
open(f'{W}/a-file', 'w').write('x')
before_training = lambda *w: lambda rc, o, e: refused(*w)(rc, o, e) and 'trained' not in o and o.strip() == ''
opt_case('--out dir/', IR + ['--out', f'{W}/outdir/'], before_training('names a directory'))
opt_case('--out an existing directory', IR + ['--out', f'{W}/outdir'], before_training('is a directory'))
opt_case('--out .', IR + ['--out', '.'], before_training('names a directory'))
opt_case('--out under /proc', IR + ['--out', '/proc/nope/m.safetensors'], before_training('cannot write in /proc'))
opt_case('--out in /proc (not writable)', IR + ['--out', '/proc/m.safetensors'], before_training('cannot write'))
opt_case('--out under a file', IR + ['--out', f'{W}/a-file/m.safetensors'], before_training('not a directory'))
opt_case('--out under a missing directory under a file', IR + ['--out', f'{W}/a-file/x/y/m.safetensors'],
         before_training('a-file is a file, not a directory'))
opt_case('--plot /proc/nope', IR + ['--plot', '/proc/nope'], before_training('cannot write in /proc'))
opt_case('--plot a file', IR + ['--plot', f'{W}/a-file'], before_training('is a file'))
opt_case('--checkpoint /proc/x', IR + ['--checkpoint', '/proc/x'], before_training('cannot write in /proc'))
opt_case('--checkpoint under a file', IR + ['--checkpoint', f'{W}/a-file/ck'], before_training('is a file, not a directory'))
opt_case('predict --output dir/', ['predict', '--model', IRIS, '--input', feat, '--output', f'{W}/outdir/'],
         refused('names a directory'))
opt_case('predict --output under /proc', ['predict', '--model', IRIS, '--input', feat, '--output', '/proc/nope/p.csv'],
         refused('cannot write in /proc'))
opt_case('--resume a directory without a run', IR + ['--resume', f'{W}/outdir'])
opt_case('--out to a new file (valid)', IR + ['--out', f'{W}/outdir/new.safetensors'], expect_ok=True,
         check=lambda rc, o, e: os.path.isfile(f'{W}/outdir/new.safetensors'))
opt_case('--out in a new directory (valid: created when written)', IR + ['--out', f'{W}/outdir/sub/new.safetensors'],
         expect_ok=True, check=lambda rc, o, e: os.path.isfile(f'{W}/outdir/sub/new.safetensors'))
# values
for name, extra in [('--epochs -1', ['--epochs', '-1']), ('--epochs 0', ['--epochs', '0']),
                    ('--lr abc', ['--lr', 'abc']), ('--lr -1', ['--lr', '-1']), ('--lr NaN', ['--lr', 'NaN']),
                    ('--lr Infinity', ['--lr', 'Infinity']), ('--batch-size 0', ['--batch-size', '0']),
                    ('--dropout 1.5', ['--dropout', '1.5']), ('--validation-fraction 2', ['--validation-fraction', '2']),
                    ('--test-fraction 1.5', ['--test-fraction', '1.5']), ('--test-fraction -0.1', ['--test-fraction', '-0.1']),
                    ('--test-fraction NaN', ['--test-fraction', 'NaN']), ('--test-fraction 0.999', ['--test-fraction', '0.999']),
                    ('--folds 1', ['--folds', '1']), ('--folds 1000', ['--folds', '1000']), ('--seed abc', ['--seed', 'abc']),
                    ('--early-stopping 0', ['--early-stopping', '0']), ('--activation bogus', ['--activation', 'bogus']),
                    ('--optimizer bogus', ['--optimizer', 'bogus']), ('--init bogus', ['--init', 'bogus']),
                    ('--backend cuda', ['--backend', 'cuda']), ('--task bogus', ['--task', 'bogus']),
                    ('--target on iris', ['--target', '1']), ('unknown option', ['--bogus'])]:
    opt_case(name, (IR if extra[0] != '--epochs' else IR[:3] + ['--quiet']) + extra)
for name, spec in [('--dataset cifar10', 'cifar10'), ('--dataset csv: (empty)', 'csv:'),
                   ('--dataset idx:/nonexistent', 'idx:/nonexistent'), ('--dataset csv:/etc (a directory)', 'csv:/etc')]:
    opt_case(name, ['train', '--dataset', spec, '--epochs', '1', '--quiet'])
opt_case('--noise -1 (sine)', ['train', '--dataset', 'sine', '--noise', '-1', '--epochs', '1', '--quiet'])
opt_case('--noise NaN (sine)', ['train', '--dataset', 'sine', '--noise', 'NaN', '--epochs', '1', '--quiet'])
opt_case('--dataset csv:/dev/zero', ['train', '--dataset', 'csv:/dev/zero', '--epochs', '1', '--quiet'])
opt_case('evaluate --test-fraction 2', ['evaluate', '--model', IRIS, '--test-fraction', '2'])
opt_case('predict --input missing', ['predict', '--model', IRIS, '--input', f'{W}/missing.csv'])
opt_case('predict --input a directory', ['predict', '--model', IRIS, '--input', W])
# reported numbers: R² of a constant test target, a tiny target
rows_c = 'a,b,y\n' + ''.join(f'{i * 0.25},{(i * 7) % 5},{2.5 if i == 7 else 1.5}\n' for i in range(41))
open(f'{W}/nearly-constant.csv', 'w').write(rows_c)
seed_c = None
for sd in range(1, 100):  # a seed whose 20% test part leaves out the odd row (train's split, read back from --json)
    rc, o, e = run(['train', '--dataset', f'csv:{W}/nearly-constant.csv', '--epochs', '1', '--quiet', '--json',
                    '--seed', str(sd)])
    if rc == 0 and json.loads(o).get('r2', 0) is None:
        seed_c = sd; break
nc = ['train', '--dataset', f'csv:{W}/nearly-constant.csv', '--epochs', '1', '--quiet', '--seed', str(seed_c or 1)]
opt_case('R² of a constant test target (text)', nc, expect_ok=True,
         check=lambda rc, o, e: seed_c is not None and 'NaN' not in o and any(
             l.split()[:2] == ['network', 'n/a'] for l in o.splitlines()))
opt_case('R² of a constant test target (--json)', nc + ['--json'], expect_ok=True,
         check=lambda rc, o, e: seed_c is not None and json.loads(o)['r2'] is None)
open(f'{W}/tiny-target.csv', 'w').write('x,y\n' + ''.join(f'{i / 100},{i * 1e-20}\n' for i in range(200)))
opt_case('tiny target (y = 1e-20·x)', ['train', '--dataset', f'csv:{W}/tiny-target.csv', '--epochs', '20', '--quiet',
                                        '--json'], expect_ok=True, check=lambda rc, o, e: json.loads(o)['r2'] > 0.9)
open(f'{W}/collinear.csv', 'w').write('a,b,y\n' + ''.join(f'{i},{2 * i},{i * 0.37 + 0.01 * (i % 3)}\n' for i in range(60)))
opt_case('OLS skipped, said once (collinear columns)', ['train', '--dataset', f'csv:{W}/collinear.csv', '--epochs', '1',
                                                        '--quiet'], expect_ok=True,
         check=lambda rc, o, e: 'OLS baseline skipped: the features are collinear' in o and o.count('OLS') == 1)
# predict: the row named by its line in the file (header = line 1)
open(f'{W}/overflow-line.csv', 'w').write('a,b,c,d\n5.1,3.5,1.4,0.2\n\n3e38,3e38,3e38,3e38\n')
opt_case('predict overflow names the file line', ['predict', '--model', IRIS, '--input', f'{W}/overflow-line.csv'],
         refused('overflow-line.csv line 4'))

for cat, c in results.items():
    print(cat, dict(c), sum(c.values()))
with open('/tmp/nnj-survey/details.tsv', 'w') as f:
    for d in details:
        f.write('\t'.join(d) + '\n')
