"""Parses the zod schemas of @saltify/milky-types (dist/index.mjs with the
.describe() texts removed) into zod.json for make_valid.py.

    sed 's/\\.describe("[^"]*")//g' node_modules/@saltify/milky-types/dist/index.mjs > /tmp/m.mjs
    python3 parse.py /tmp/m.mjs /tmp/zod.json
"""
import re, json, sys
src = open(sys.argv[1]).read()

def balanced(s, i, open_c, close_c):
    d = 0
    for j in range(i, len(s)):
        if s[j] == open_c: d += 1
        elif s[j] == close_c:
            d -= 1
            if d == 0: return j
    raise ValueError

def split_top(body):
    parts, d, cur = [], 0, ''
    for ch in body:
        if ch in '([{': d += 1
        if ch in ')]}': d -= 1
        if ch == ',' and d == 0:
            parts.append(cur); cur = ''
        else: cur += ch
    if cur.strip(): parts.append(cur)
    return [p.strip() for p in parts if p.strip()]

objects = {}
for m in re.finditer(r'const (\w+) = z\.object\(\{', src):
    name = m.group(1)
    i = m.end() - 1
    j = balanced(src, i, '{', '}')
    body = src[i+1:j]
    fields = []
    for p in split_top(body):
        if p.startswith('get '):
            # getter: get segments() { return z.array(z.lazy(() => IncomingSegment)); }
            fn = re.match(r'get (\w+)\(\)', p).group(1)
            expr = re.search(r'return (.*);', p, re.S).group(1)
        else:
            fn, expr = p.split(':', 1)
        fields.append((fn.strip(), ' '.join(expr.split())))
    objects[name] = fields

def classify(expr):
    opt = '.nullish()' in expr
    default = None
    m = re.search(r'\.default\(([^)]*)\)', expr)
    if m: default = m.group(1)
    e = expr
    if e.startswith('zUin'): t = 'uin'
    elif e.startswith('z.number().int()'): t = 'int'
    elif e.startswith('z.string()'): t = 'string'
    elif e.startswith('z.boolean()'): t = 'bool'
    elif e.startswith('z.enum('):
        t = 'enum:' + ','.join(re.findall(r'"(\w+)"', e.split(')')[0]))
    elif e.startswith('z.literal('): t = 'literal:' + re.search(r'"(\w+)"', e).group(1)
    elif e.startswith('z.array(z.lazy(() => '): t = 'array:' + re.search(r'=> (\w+)', e).group(1)
    elif e.startswith('z.array(z.string())'): t = 'array:string'
    elif e.startswith('zDropBadElementArray('): t = 'droparray:' + re.search(r'\((\w+)\)', e).group(1)
    elif e.startswith('z.lazy(() => '): t = 'ref:' + re.search(r'=> (\w+)', e).group(1)
    elif e.startswith('z.object({})'): t = 'empty'
    else: raise ValueError(expr)
    return t, opt, default

out = {n: [(f, *classify(e)) for f, e in fs] for n, fs in objects.items()}
apis = []
for m in re.finditer(r'\t\t\t(\w+): \{\n\t\t\t\tdescription: "([^"]*)",\n\t\t\t\trequestSchema: (\w+),\n\t\t\t\tresponseSchema: (\w+)', src):
    apis.append(dict(name=m.group(1), zh=m.group(2), input=None if m.group(3)=='null' else m.group(3), output=None if m.group(4)=='null' else m.group(4)))
json.dump(dict(objects=out, apis=apis), open(sys.argv[2],'w'), indent=1, ensure_ascii=False)
print(len(apis), len(out))
