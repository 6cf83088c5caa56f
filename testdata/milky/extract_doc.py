#!/usr/bin/env python3
"""One-time extraction of the Milky examples of the API document.

Run from the repository root with the parsed document at hand:

    python3 testdata/milky/extract_doc.py /path/to/catalog.json

It writes, in canonical JSON (sorted keys, two-space indent):
  testdata/milky/api/<name>/doc_request.json   the document's request example
  testdata/milky/api/<name>/doc_response.json  the document's response example
  testdata/milky/schemas/<Schema>.json         the document's schema examples
                                               (entities, unions, API inputs/outputs)
Segment schemas (IncomingSegment, OutgoingSegment, OutgoingForwardedMessage)
belong to testdata/milky/segments and are not written here. The tests never
read the document; they read these committed files.
"""
import json, os, sys

def write(path, v):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(json.dumps(v, sort_keys=True, indent=2, ensure_ascii=False) + '\n')

def main():
    cat = json.load(open(sys.argv[1]))
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)))
    n = 0
    for e in cat['endpoints']:
        if e['protocol'] != 'milky':
            continue
        d = os.path.join(root, 'api', e['action'])
        write(os.path.join(d, 'doc_request.json'), e.get('request_example') or {})
        assert len(e['response_examples']) == 1, e['action']
        write(os.path.join(d, 'doc_response.json'), e['response_examples'][0])
        n += 2
    started = False
    for s in cat['schemas']:
        if s['name'] == 'FriendEntity':
            started = True
        if not started or s['name'] in ('IncomingSegment', 'OutgoingSegment', 'OutgoingForwardedMessage'):
            continue
        write(os.path.join(root, 'schemas', s['name'] + '.json'), s['example'])
        n += 1
    print(n, 'files')

main()
