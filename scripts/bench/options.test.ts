import { describe, expect, it } from 'vitest';
import { benchSettings } from './options.ts';

describe('benchSettings', () => {
  it('defaults to the full run, and --quick to the short one', () => {
    expect(benchSettings([])).toMatchObject({
      quick: false,
      rounds: 5,
      duration: 3,
      warmup: 1,
      connections: 10,
      publishRows: [100_000, 1_000_000],
    });
    expect(benchSettings(['--quick'])).toMatchObject({
      quick: true,
      rounds: 2,
      duration: 1,
      warmup: 0.3,
      publishRows: [100_000],
    });
    expect(
      benchSettings(['--rounds', '3', '--duration', '1.5', '--connections', '4', '--out', 'x.json']),
    ).toMatchObject({ rounds: 3, duration: 1.5, connections: 4, outFile: 'x.json' });
  });

  it('publishes 1,000,000 rows in a full run, and on request in a quick one', () => {
    expect(benchSettings(['--quick', '--million'])).toMatchObject({ publishRows: [100_000, 1_000_000] });
    expect(benchSettings(['--no-million'])).toMatchObject({ quick: false, publishRows: [100_000] });
  });

  it('keeps --only for the scenario filter, and leaves it out when not given', () => {
    const settings = benchSettings(['--quick', '--only', 'dataset page|EMBED']);
    const only = 'only' in settings ? settings.only : undefined;
    expect(
      ['dataset page, 100 rows (HTML)', 'embed, 100 rows (HTML)', 'catalogue'].filter((name) =>
        only?.test(name),
      ),
    ).toEqual(['dataset page, 100 rows (HTML)', 'embed, 100 rows (HTML)']);
    expect(benchSettings(['--quick'])).not.toHaveProperty('only');
  });

  it.each([
    [['--rounds', 'five'], '--rounds takes a whole number from 1 to 100; got "five".'],
    [['--rounds', '2.5'], '--rounds takes a whole number'],
    [['--rounds', ''], '--rounds takes a whole number'],
    [['--duration', '0'], '--duration takes seconds from 0.1 to 600, like 3 or 1.5; got "0".'],
    [['--duration', '3s'], '--duration takes seconds'],
    [['--connections=-1'], '--connections takes a whole number from 1 to 1000'],
    [['--out', ''], '--out takes a file'],
    [['--only', ' '], '--only takes a pattern of scenario names'],
    [
      ['--only', 'page|('],
      `--only takes a pattern of scenario names, like --only 'page|embed'; got "page|(".`,
    ],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('%j is refused, naming the option', (argv, message) => {
    const settings = benchSettings(argv);
    expect('error' in settings && settings.error).toContain(message);
  });
});
