#!/usr/bin/env python3
"""One-time generation of schema-valid Milky 1.2 fixtures.

The document's examples are Apifox placeholders (ids -9007199254740991,
"string", nulls in required fields, pre-1.2 entity shapes) that the official
schemas reject, so the conformance tests use these realistic fixtures, built
from the zod schemas of @saltify/milky-types@1.2.2 (parsed by parse.py into
zod.json):

  testdata/milky/api/<name>/request.json      every param set
  testdata/milky/api/<name>/request_min.json  required params only
  testdata/milky/api/<name>/response.json     a successful envelope
  testdata/milky/events/<event_type>.json     one event per type
"""
import json, os, sys, copy

zod = json.load(open(sys.argv[1]))
O, APIS = zod['objects'], zod['apis']
root = os.path.dirname(os.path.abspath(__file__))

def write(path, v):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(json.dumps(v, sort_keys=True, indent=2, ensure_ascii=False) + '\n')

UIN = {'user_id': 1234567890, 'group_id': 987654321, 'peer_id': 987654321, 'sender_id': 1234567890,
       'operator_id': 10086001, 'initiator_id': 2233445566, 'target_user_id': 3344556677,
       'uin': 3141592653, 'uploader_id': 1234567890, 'creator_id': 1234567890, 'receiver_id': 3141592653,
       'invitor_id': 10086001, 'source_group_id': 123123123, 'self_id': 3141592653}
INT = {'time': 1764000000, 'message_seq': 4242, 'notification_seq': 17, 'invitation_seq': 8,
       'member_count': 233, 'max_member_count': 500, 'created_time': 1600000000, 'level': 12,
       'join_time': 1650000000, 'last_sent_time': 1763999000, 'shut_up_end_time': 1764003600,
       'category_id': 1, 'file_size': 1048576, 'uploaded_time': 1763990000, 'expire_time': 1765000000,
       'downloaded_times': 3, 'last_modified_time': 1763995000, 'file_count': 5, 'age': 20,
       'duration': 600, 'limit': 20, 'count': 10, 'page_index': 0, 'page_size': 20,
       'start_message_seq': 4200, 'next_message_seq': 4180, 'start_notification_seq': 30,
       'next_notification_seq': 12, 'message_time': 1763900000, 'operation_time': 1763950000}
STR = {'nickname': 'Alice', 'qid': 'alice_qid', 'remark': 'Al', 'category_name': '我的好友',
       'group_name': 'duobot 测试群', 'description': 'a group for tests', 'question': '',
       'announcement': 'welcome', 'card': 'Alice (dev)', 'title': 'core dev',
       'announcement_id': 'ann-001', 'content': '本周六维护', 'image_url': 'https://example.com/a.png',
       'file_id': 'f-6f1c', 'file_name': 'report.pdf', 'parent_folder_id': '/', 'folder_id': 'd-01',
       'folder_name': 'docs', 'initiator_uid': 'u_abcDEF123', 'target_user_uid': 'u_xyz789',
       'comment': '我是 Bob', 'via': 'QQ search', 'sender_name': 'Bob', 'avatar_url': 'https://q.qlogo.cn/a.jpg',
       'operator_name': 'Carol', 'impl_name': 'Yogurt', 'impl_version': '0.5.0',
       'qq_protocol_version': '9.9.19-34740', 'milky_version': '1.2', 'bio': 'hello', 'country': '中国',
       'city': '杭州', 'school': 'ZJU', 'cookies': 'uin=o3141592653; skey=@abc', 'csrf_token': '1234567',
       'url': 'https://multimedia.nt.qq.com/download?appid=1407', 'download_url': 'https://example.com/dl/report.pdf',
       'forward_id': 'fwd-abc', 'resource_id': 'res-123', 'domain': 'qun.qq.com', 'reason': '账号在其他设备登录',
       'display_action': '戳了戳', 'display_suffix': '的脸', 'display_action_img_url': 'https://example.com/nudge.png',
       'file_hash': '0a1b2c3d', 'new_group_name': 'duobot 群', 'face_id': '76', 'reaction': '76',
       'uri': 'https://example.com/avatar.png', 'image_uri': 'file:///tmp/a.png', 'file_uri': 'base64://aGVsbG8=',
       'new_nickname': 'Alice2', 'new_bio': 'bio', 'special_title': 'legend', 'target_folder_id': 'd-02',
       'new_file_name': 'report-v2.pdf', 'new_folder_name': 'documents'}

IN_SEGS = [
    {'type': 'text', 'data': {'text': 'hello '}},
    {'type': 'mention', 'data': {'user_id': 3141592653, 'name': 'bot'}},
    {'type': 'face', 'data': {'face_id': '14', 'is_large': False}},
    {'type': 'image', 'data': {'resource_id': 'res-img-1', 'temp_url': 'https://multimedia.nt.qq.com/img1',
                               'width': 640, 'height': 480, 'summary': '[图片]', 'sub_type': 'normal'}},
    {'type': 'reply', 'data': {'message_seq': 4200, 'sender_id': 1234567890, 'time': 1763999000,
                               'segments': [{'type': 'text', 'data': {'text': 'quoted'}}]}},
]
OUT_SEGS = [
    {'type': 'reply', 'data': {'message_seq': 4200}},
    {'type': 'text', 'data': {'text': 'hi '}},
    {'type': 'mention', 'data': {'user_id': 1234567890}},
    {'type': 'image', 'data': {'uri': 'https://example.com/cat.png', 'sub_type': 'normal', 'summary': '[图片]'}},
]

def value(obj, field, t, opt, default, full, ctx):
    kind = t.split(':')[0]; arg = t.split(':', 1)[1] if ':' in t else ''
    if kind == 'uin': return UIN.get(field, 1234567890)
    if kind == 'int': return UIN.get(field) or INT.get(field, 1)
    if kind == 'string': return STR.get(field, 'example ' + field)
    if kind == 'bool': return {'is_filtered': False, 'no_cache': False, 'is_self': False,
                               'reject_add_request': False, 'is_self_send': False}.get(field, True)
    if kind == 'enum':
        vals = arg.split(',')
        return ctx.get(field, vals[0]) if ctx.get(field) in vals else vals[0]
    if kind == 'literal': return arg
    if kind == 'array':
        if arg == 'string': return ['Alice: 看看这个', 'Bob: 好的'] if field == 'preview' else [
            'https://example.com/face1.gif', 'https://example.com/face2.gif']
        if arg == 'IncomingSegment': return copy.deepcopy(IN_SEGS)
        if arg == 'OutgoingSegment': return copy.deepcopy(OUT_SEGS)
        if arg == 'IncomingMessage': return [message('group', full), message('group', full, seq=4243)]
        return [build(arg, full, ctx)]
    if kind == 'droparray':
        return [build(n, full, ctx) for n in ('GroupJoinRequestNotification', 'GroupAdminChangeNotification',
                'GroupKickNotification', 'GroupQuitNotification', 'GroupInvitedJoinRequestNotification')]
    if kind == 'ref':
        if arg == 'IncomingMessage': return message('friend', full)
        return build(arg, full, ctx)
    raise ValueError(t)

def build(name, full=True, ctx=None):
    ctx = ctx or {}
    out = {}
    for field, t, opt, default in O[name]:
        if opt and not full:
            continue
        out[field] = value(name, field, t, opt, default, full, ctx)
    return out

def message(scene, full=True, seq=4242):
    m = {'message_scene': scene, 'peer_id': 987654321 if scene == 'group' else 1234567890,
         'message_seq': seq, 'sender_id': 1234567890, 'time': 1764000000, 'segments': copy.deepcopy(IN_SEGS)}
    if scene == 'friend':
        m['friend'] = build('FriendEntity', full)
    elif scene == 'group':
        m['group'] = build('GroupEntity', full)
        m['group_member'] = build('GroupMemberEntity', full, {'role': 'member'})
    elif full:
        m['group'] = build('GroupEntity', full)
    return m

for a in APIS:
    d = os.path.join(root, 'api', a['name'])
    if a['input']:
        write(os.path.join(d, 'request.json'), build(a['input'], True))
        write(os.path.join(d, 'request_min.json'), build(a['input'], False))
    else:
        write(os.path.join(d, 'request.json'), {})
    data = build(a['output'], True) if a['output'] else {}
    write(os.path.join(d, 'response.json'), {'status': 'ok', 'retcode': 0, 'data': data})

def event(typ, data):
    return {'time': 1764000000, 'self_id': 3141592653, 'event_type': typ, 'data': data}

ev = os.path.join(root, 'events')
for name in O:
    if not name.endswith('EventData'):
        continue
    base = name[:-len('EventData')]
    typ = ''.join('_' + c.lower() if c.isupper() else c for c in base)[1:]
    write(os.path.join(ev, typ + '.json'), event(typ, build(name, True)))
for scene in ('friend', 'group', 'temp'):
    write(os.path.join(ev, 'message_receive_%s.json' % scene), event('message_receive', message(scene)))
write(os.path.join(ev, 'message_receive_temp_min.json'), event('message_receive', message('temp', False)))
write(os.path.join(ev, 'group_member_decrease_min.json'),
      event('group_member_decrease', build('GroupMemberDecreaseEventData', False)))
# Milky 1.3 (not in the 1.2 schemas): group_disband.
write(os.path.join(ev, 'group_disband.json'), event('group_disband', {'group_id': 987654321, 'operator_id': 10086001}))
print('ok')
