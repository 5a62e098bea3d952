import { describe, expect, it } from 'vitest';
import { tabFile, tabTitle } from './tab-names.ts';

describe('tabFile', () => {
  it('takes <Tab>.csv as written first', () => {
    expect(tabFile('Production', ['production.csv', 'Production.csv'])).toEqual({ name: 'Production.csv' });
  });

  it('finds the tab in another case, or under the name Google Sheets gives a download', () => {
    expect(tabFile('Production', ['PRODUCTION.CSV'])).toEqual({ name: 'PRODUCTION.CSV' });
    expect(tabFile('Elements', ['Rare earths - Elements.csv', 'Rare earths - Players.csv'])).toEqual({
      name: 'Rare earths - Elements.csv',
    });
  });

  it('finds a repeated download, and names both of two', () => {
    expect(tabFile('Players', ['Rare earths - Players (1).csv'])).toEqual({
      name: 'Rare earths - Players (1).csv',
    });
    expect(tabFile('Players', ['Players (1).csv', 'Players (2).csv'])).toEqual({
      ambiguous: ['Players (1).csv', 'Players (2).csv'],
    });
    expect(tabFile('Players', ['Players (1).csv', 'Players.csv'])).toEqual({ name: 'Players.csv' });
  });

  it('finds a file whose name is stored decomposed, as macOS stores it', () => {
    expect(tabFile('Élements', ['E\u0301lements.csv'])).toEqual({ name: 'E\u0301lements.csv' });
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

describe('tabTitle', () => {
  it('takes the title as written first, then one differing in case or surrounding spaces', () => {
    expect(tabTitle('Elements', ['elements', 'Elements'])).toEqual({ name: 'Elements' });
    expect(tabTitle('Elements', ['Elements ', 'Players'])).toEqual({ name: 'Elements ' });
    expect(tabTitle('Players', ['PLAYERS'])).toEqual({ name: 'PLAYERS' });
  });

  it('does not take a different title, and names both of two near misses', () => {
    expect(tabTitle('Players', ['Key players', 'Players (old)'])).toBeUndefined();
    expect(tabTitle('Players', [' players', 'PLAYERS'])).toEqual({ ambiguous: [' players', 'PLAYERS'] });
  });
});
