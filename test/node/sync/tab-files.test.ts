import { describe, expect, it } from 'vitest';
import { tabFile } from '../../../scripts/sync/sources/tab-files.ts';

describe('tabFile', () => {
  it('takes <Tab>.csv as written first', () => {
    expect(tabFile('Production', ['production.csv', 'Production.csv'])).toEqual({ file: 'Production.csv' });
  });

  it('finds the tab in another case, or under the name Google Sheets gives a download', () => {
    expect(tabFile('Production', ['PRODUCTION.CSV'])).toEqual({ file: 'PRODUCTION.CSV' });
    expect(tabFile('Elements', ['Rare earths - Elements.csv', 'Rare earths - Players.csv'])).toEqual({
      file: 'Rare earths - Elements.csv',
    });
  });

  it('does not take a tab whose name only ends like the one wanted', () => {
    expect(tabFile('Players', ['Key Players.csv', 'Players.csv.bak', 'Players.tsv'])).toBeUndefined();
  });

  it('names every candidate when two files could hold the tab', () => {
    expect(tabFile('Timeline', ['Old - Timeline.csv', 'timeline.csv'])).toEqual({
      ambiguous: ['Old - Timeline.csv', 'timeline.csv'],
    });
  });
});
