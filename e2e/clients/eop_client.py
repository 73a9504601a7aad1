# -*- coding: utf-8 -*-
"""
A 天翼云 EOP client written the way customers' existing scripts are: hashlib, hmac and
base64 for the signature, requests for HTTP, json.dumps(params) as the body and an
eop-date taken from the LOCAL clock with a Z appended. Only the host differs.

Usage: python3 eop_client.py URL APPKEY AK SK IMAGE [MODE]
MODE: ok (default) | tamper (signature altered) | body (body changed after signing)
      | replay (the same request id sent twice)
Prints one JSON line per response: {"status": ..., "body": ...}.
"""
import base64
import datetime
import hashlib
import hmac
import json
import sys
import uuid

import requests


def hmac_sha256(key, data):
    return hmac.new(key, data.encode('utf-8'), hashlib.sha256).digest()


def sign_headers(appkey, ak, sk, body, query=None):
    request_id = str(uuid.uuid1())
    eop_date = datetime.datetime.now().strftime('%Y%m%dT%H%M%SZ')  # local time, as in the wild
    header_str = 'appkey:%s\nctyun-eop-request-id:%s\neop-date:%s\n' % (appkey, request_id, eop_date)
    query_str = '&'.join('%s=%s' % (k, v) for k, v in sorted((query or {}).items()))
    body_digest = hashlib.sha256(body.encode('utf-8')).hexdigest()
    string_to_sign = '%s\n%s\n%s' % (header_str, query_str, body_digest)
    k_time = hmac_sha256(sk.encode('utf-8'), eop_date)
    k_ak = hmac_sha256(k_time, ak)
    k_date = hmac_sha256(k_ak, eop_date[:8])
    signature = base64.b64encode(hmac_sha256(k_date, string_to_sign)).decode('utf-8')
    return {
        'Content-Type': 'application/json;charset=UTF-8',
        'appkey': appkey,
        'ctyun-eop-request-id': request_id,
        'eop-date': eop_date,
        'Eop-Authorization': '%s Headers=appkey;ctyun-eop-request-id;eop-date Signature=%s' % (ak, signature),
    }


def show(resp):
    print(json.dumps({'status': resp.status_code, 'body': resp.json()}, ensure_ascii=False))


def main():
    url, appkey, ak, sk, image = sys.argv[1:6]
    mode = sys.argv[6] if len(sys.argv) > 6 else 'ok'
    with open(image, 'rb') as f:
        params = {'data': [base64.b64encode(f.read()).decode('utf-8')]}
    body = json.dumps(params)
    headers = sign_headers(appkey, ak, sk, body)
    if mode == 'tamper':
        auth = headers['Eop-Authorization']
        last = auth[-2]
        headers['Eop-Authorization'] = auth[:-2] + ('A' if last != 'A' else 'B') + auth[-1]
    if mode == 'body':
        params['data'].append(params['data'][0])
        body = json.dumps(params)
    show(requests.post(url, data=body.encode('utf-8'), headers=headers, timeout=120))
    if mode == 'replay':
        show(requests.post(url, data=body.encode('utf-8'), headers=headers, timeout=120))


if __name__ == '__main__':
    main()
