/**
 * Hostile XML is refused with a sentence, before anything is read from it: entity bombs and
 * external entities live in a DOCTYPE, which is refused outright; entities XML does not define
 * are not expanded; files too large or too deep are not parsed.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_XML_CHARS, parseXml, XmlRefusedError } from '@/lib/detect/xml';
import { UBL_WITH_DOCTYPE, XML_BOMB, XML_EXTERNAL_ENTITY } from '@/tests/fixtures/einvoice/hostile';

const refusal = (xml: string): string => {
  try {
    parseXml(xml);
  } catch (e) {
    expect(e).toBeInstanceOf(XmlRefusedError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('XML refused with a sentence', () => {
  it('an entity bomb (billion laughs): its DOCTYPE is refused, nothing expands', () => {
    expect(refusal(XML_BOMB)).toMatch(/declares a document type .*Nothing was stored\./);
  });

  it('an external entity (XXE) is refused, no file or address is read', () => {
    expect(refusal(XML_EXTERNAL_ENTITY)).toMatch(/document type/);
  });

  it('a UBL invoice with a DOCTYPE is refused even though the invoice is otherwise fine', () => {
    expect(refusal(UBL_WITH_DOCTYPE)).toMatch(/document type/);
  });

  it('an entity XML does not define is not expanded', () => {
    expect(refusal('<Invoice><ID>&nbsp;1</ID></Invoice>')).toMatch(/entity that is not one of XML’s own five/);
  });

  it('a file over the size limit is refused without being parsed', () => {
    const big = `<a>${'x'.repeat(MAX_XML_CHARS)}</a>`;
    expect(refusal(big)).toMatch(/million characters/);
  });

  it('nesting deeper than the limit is refused', () => {
    const deep = `${'<a>'.repeat(MAX_DEPTH + 1)}${'</a>'.repeat(MAX_DEPTH + 1)}`;
    expect(refusal(deep)).toMatch(/nests elements more than/);
  });

  it('malformed and truncated XML are refused as not well-formed', () => {
    expect(refusal('<Invoice><ID>1</Invoce>')).toMatch(/not well-formed XML/);
    expect(refusal('<Invoice><ID>1</ID>')).toMatch(/not well-formed XML/);
  });

  it('XML’s own entities and character references are read', () => {
    expect(parseXml('<a>Smith &amp; Sons &#8364;&#x41;</a>').text).toBe('Smith & Sons €A');
  });
});
