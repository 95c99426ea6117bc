/**
 * The workspace model's bookkeeping (found by mutation testing of service/workspace): versions and generation, the
 * copies inside deployment.zip (compared with their original, never partners), the partners' secrets, the stamp the
 * analyses are cached on, a new detector, texts too long or a parser that throws, and removing a folder.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { MAX_ANALYZED_LENGTH } from '../../server/src/service/core/limits';
import { normalizeSettings } from '../../server/src/service/core/settings';
import type { FileKind } from '../../server/src/service/core/types';
import { WorkspaceModel, type KindDetector } from '../../server/src/service/workspace/model';

const settings = normalizeSettings({});
const svc = new EceLanguageService({ log: () => undefined });
const detect: KindDetector = (uri, text) => svc.kindOf(uri, text, settings);

const POOL = (pw: string) =>
  `<conn_pool_list><connpool name="Platform_MSSQL_Pool"><User>sa</User><Password>${pw}</Password><Url>jdbc:sqlserver://db:1433;databaseName=eGActiveDB</Url></connpool></conn_pool_list>`;
const P = 'file:///h/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
const Z = 'file:///h/zip/deployment.zip!/egpl_ds_connpool_map.xml';
const R = 'file:///h/r/reportsdb_utility.properties';
const I = 'file:///h/i/input.properties';

function home(): WorkspaceModel {
  const m = new WorkspaceModel(detect);
  assert.ok(m.update(P, POOL('pw1')));
  assert.ok(m.update(Z, POOL('pw2'), undefined, undefined, true));
  assert.ok(m.update(R, 'IS_WINDOWS_AUTHENTICATION=true\n'));
  assert.ok(m.update(I, 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db:1433;databaseName=a\n'));
  return m;
}

void describe('workspace model bookkeeping', () => {
  void test('versions: 1 at first, +1 per new text, the editor\'s version when given; the same text changes nothing', () => {
    const m = new WorkspaceModel(detect);
    assert.equal(m.update(R, 'IS_WINDOWS_AUTHENTICATION=true\n')?.version, 1);
    const g = m.generation;
    assert.equal(m.update(R, 'IS_WINDOWS_AUTHENTICATION=true\n')?.version, 1);
    assert.equal(m.generation, g);
    assert.equal(m.update(R, 'IS_WINDOWS_AUTHENTICATION=true\n', 7)?.version, 7, 'same text, the editor\'s version');
    assert.equal(m.update(R, 'IS_WINDOWS_AUTHENTICATION=false\n')?.version, 8);
    assert.ok(m.generation > g);
    assert.equal(m.update(R, 'IS_WINDOWS_AUTHENTICATION=true\n', 3)?.version, 3);
    assert.equal(m.get(R)?.copy, undefined);
  });

  void test('a copy is seen by copies() only, is marked, and its change concerns the originals that compare with it', () => {
    const m = home();
    assert.equal(m.get(Z)?.copy, true);
    assert.deepEqual(m.related('connpool', R).map((p) => p.uri), [P]);
    assert.deepEqual(m.copies('connpool', R).map((p) => p.uri), [Z]);
    assert.deepEqual(m.copies('connpool', P).map((p) => p.uri), [Z]);
    assert.deepEqual(m.dependents(Z), [P]);
    assert.deepEqual(m.dependents(Z, undefined, [R]), []);
    assert.deepEqual(m.dependents(Z, undefined, [P]), [P]);
    assert.deepEqual(m.dependents(P).sort(), [I, R].sort());
    assert.equal(m.size, 4);
    assert.deepEqual(m.ofKind('connpool').map((f) => f.uri).sort(), [P, Z].sort());
    assert.equal(m.all().length, 4);
  });

  void test('partnerSecrets: the secrets of the partner and of its copy; none for a kind without secrets; a failure is reported', () => {
    const m = home();
    const errors: unknown[] = [];
    const secrets = m.partnerSecrets(R, 'connpool', (e) => errors.push(e));
    assert.ok(secrets.includes('pw1') && secrets.includes('pw2'), secrets.join());
    assert.deepEqual(errors, []);
    assert.deepEqual(m.partnerSecrets(R, 'ecejs', () => assert.fail()), []);
    // A model its kind's secrets cannot read (not one its parser made): reported, the others still answered.
    const n = new WorkspaceModel(detect);
    const kind = detect(P, POOL('x'))!;
    assert.ok(n.update(P, 'broken', undefined, { kind, model: null }));
    assert.ok(n.update(Z, POOL('pw2'), undefined, undefined, true));
    const errs: unknown[] = [];
    assert.ok(n.partnerSecrets(R, 'connpool', (e) => errs.push(e)).includes('pw2'));
    assert.equal(errs.length, 1);
  });

  void test('stamp: each kind\'s partners and copies with their versions; it changes with a partner\'s version only', () => {
    const m = home();
    const s = m.stamp(R, ['connpool', 'ecejs']);
    assert.equal(s, `connpool:${P}@1,|${Z}@1,;ecejs:|;`);
    m.update(I, 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db:1433;databaseName=b\n');
    assert.equal(m.stamp(R, ['connpool', 'ecejs']), s);
    m.update(P, POOL('pw3'));
    assert.equal(m.stamp(R, ['connpool']), `connpool:${P}@2,|${Z}@1,;`);
  });

  void test('setDetector re-detects every known file: dropped when no longer an ECE file, the others keep their version', () => {
    const m = home();
    m.update(R, 'IS_WINDOWS_AUTHENTICATION=false\n', 5);
    const g = m.generation;
    m.setDetector((uri, text) => (uri.endsWith('.xml') ? undefined : detect(uri, text)));
    assert.ok(m.generation > g);
    assert.deepEqual(m.all().map((f) => f.uri).sort(), [I, R].sort());
    assert.equal(m.get(R)?.version, 5);
    assert.equal(m.get(I)?.version, 1);
    assert.deepEqual(m.related('connpool', R), []);
  });

  void test('a text over the analysed length or a parser that throws: not an ECE file, and the earlier entry is dropped', () => {
    const m = home();
    assert.equal(m.update(R, 'x'.repeat(MAX_ANALYZED_LENGTH + 1)), undefined);
    assert.equal(m.get(R), undefined);
    const throwing = { ...detect(P, POOL('x'))!, parse: () => { throw new Error('boom'); } } as FileKind<unknown>;
    const n = new WorkspaceModel((uri, text) => (text.startsWith('boom') ? throwing : detect(uri, text)));
    assert.ok(n.update(P, POOL('pw1')));
    assert.equal(n.update(P, 'boom'), undefined);
    assert.equal(n.get(P), undefined);
    assert.equal(n.size, 0);
  });

  void test('removeUnder: a folder with or without a trailing slash, originals and copies; a name prefix is not a folder', () => {
    const m = home();
    assert.deepEqual(m.removeUnder('file:///h/e'), []);
    assert.deepEqual(m.removeUnder('file:///h/zip/'), [{ uri: Z, kind: 'connpool' }]);
    assert.deepEqual(m.copies('connpool', R), []);
    assert.deepEqual(m.removeUnder('file:///h/r'), [{ uri: R, kind: 'reportsdb' }]);
    assert.equal(m.size, 2);
    assert.deepEqual(m.removeUnder('file:///h').map((x) => `${x.kind} ${x.uri}`).sort(), [`connpool ${P}`, `indexstats ${I}`]);
    assert.equal(m.size, 0);
  });
});
