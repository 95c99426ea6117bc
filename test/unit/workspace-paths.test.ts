/**
 * The workspace's URI keys and folder segments at their edges (found by mutation testing of service/workspace):
 * schemes other than file:, an authority, a broken percent escape, empty and `.` segments, the drive letter only
 * at the start of the path.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalUri, commonFolderDepth, folderSegments } from '../../server/src/service/workspace/paths';

void describe('folderSegments', () => {
  void test('the folders of a URI, lower-cased, without the scheme, the authority or the file name', () => {
    assert.deepEqual(folderSegments('file:///C:/ECE/x.xml'), ['c:', 'ece']);
    assert.deepEqual(folderSegments('file:///c%3A/ECE/a%20b/x.xml'), ['c:', 'ece', 'a b']);
    assert.deepEqual(folderSegments('vscode-remote://wsl+ubuntu/home/U/x.xml'), ['home', 'u']);
    assert.deepEqual(folderSegments('file://server/share/d/x.xml'), ['share', 'd']);
    assert.deepEqual(folderSegments('x+y.z-1:/p/q/x'), ['p', 'q']);
  });

  void test('an authority alone or a scheme without folders has none; empty and "." segments are skipped', () => {
    assert.deepEqual(folderSegments('http://host'), []);
    assert.deepEqual(folderSegments('untitled:Untitled-1'), []);
    assert.deepEqual(folderSegments('file:///a//./b/x.xml'), ['a', 'b']);
    assert.deepEqual(folderSegments('file:///a/b/'), ['a']);
  });

  void test('a broken percent escape is kept as written; a path without a scheme is not decoded', () => {
    assert.deepEqual(folderSegments('file:///a%zz/B/x.xml'), ['a%zz', 'b']);
    assert.deepEqual(folderSegments('a%20b/c/x.xml'), ['a%20b', 'c']);
    assert.deepEqual(folderSegments('a\\B\\x.xml'), ['a', 'b']);
  });

  void test('asked twice (memoised), the answer is the same', () => {
    const u = 'file:///Memo/Twice/x.xml';
    assert.deepEqual(folderSegments(u), ['memo', 'twice']);
    assert.deepEqual(folderSegments(u), ['memo', 'twice']);
  });
});

void describe('canonicalUri', () => {
  void test('file: URIs in any case of the scheme become one spelling; the drive letter is lower-cased', () => {
    assert.equal(canonicalUri('FILE:///C:/x'), 'file:///c:/x');
    assert.equal(canonicalUri('File:///C:/x'), 'file:///c:/x');
    assert.equal(canonicalUri('file:C:/x'), 'file:c:/x');
    assert.equal(canonicalUri('file://///Z:/q'), 'file://///z:/q');
    assert.equal(canonicalUri('file:///c%3A/ECE/X.xml'), 'file:///c:/ECE/X.xml', 'the rest of the path keeps its case');
    assert.equal(canonicalUri('file:///C:\\ECE\\x.xml'), 'file:///c:/ECE/x.xml');
  });

  void test('only a one-letter drive at the start of the path counts', () => {
    assert.equal(canonicalUri('file:///ab:/x'), 'file:///ab:/x');
    assert.equal(canonicalUri('file:///x/C:/y'), 'file:///x/C:/y');
  });

  void test('other schemes are left alone; a broken escape is kept', () => {
    assert.equal(canonicalUri('untitled:Foo%20'), 'untitled:Foo%20');
    assert.equal(canonicalUri('xfile:///C:/x'), 'xfile:///C:/x');
    assert.equal(canonicalUri('file:///a%zz/X'), 'file:///a%zz/X');
  });
});

void describe('commonFolderDepth', () => {
  void test('the shared leading folders, compared without case', () => {
    assert.equal(commonFolderDepth('file:///a/b/c/x', 'file:///A/b/y'), 2);
    assert.equal(commonFolderDepth('file:///a/x', 'file:///b/x'), 0);
    assert.equal(commonFolderDepth('file:///a/b/x', 'file:///a/c/b/y'), 1);
    assert.equal(commonFolderDepth('file:///a/b/x', 'file:///a/b/y'), 2);
  });
});
