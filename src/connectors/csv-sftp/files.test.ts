import { describe, expect, it } from 'vitest';
import { globToRegExp, isValidPattern, newestMatch, type RemoteFile } from './files.ts';

const file = (name: string, mtime: number, isFile = true): RemoteFile => ({
  name,
  size: 10,
  mtime,
  isFile,
});

describe('globToRegExp', () => {
  it('matches * and ? and nothing else as wildcards', () => {
    const regex = globToRegExp('employees_*.csv');
    expect(regex.test('employees_20260615.csv')).toBe(true);
    expect(regex.test('employees_.csv')).toBe(true);
    expect(regex.test('employees_2026.csv.part')).toBe(false);
    expect(regex.test('Employees_2026.csv')).toBe(false);
    expect(regex.test('employees_2026xcsv')).toBe(false);
    expect(globToRegExp('hr-??.csv').test('hr-07.csv')).toBe(true);
    expect(globToRegExp('hr-??.csv').test('hr-7.csv')).toBe(false);
    expect(globToRegExp('a+(b)[c].csv').test('a+(b)[c].csv')).toBe(true);
  });

  it('rejects patterns with slashes or edge spaces', () => {
    expect(isValidPattern('employees_*.csv')).toBe(true);
    expect(isValidPattern('out/employees_*.csv')).toBe(false);
    expect(isValidPattern(' employees.csv')).toBe(false);
    expect(isValidPattern('')).toBe(false);
  });
});

describe('newestMatch', () => {
  it('picks the most recently modified matching regular file', () => {
    const files = [
      file('employees_0614.csv', 200),
      file('employees_0615.csv', 300),
      file('employees_0613.csv', 100),
      file('employees_0616.csv.part', 400),
      file('contractors_0616.csv', 500),
      file('employees_dir.csv', 600, false),
      file('.employees_0616.csv', 700),
    ];
    expect(newestMatch(files, 'employees_*.csv')?.name).toBe('employees_0615.csv');
  });

  it('breaks ties on equal times by the name that sorts last', () => {
    const files = [file('employees_0614.csv', 300), file('employees_0615.csv', 300)];
    expect(newestMatch(files, 'employees_*.csv')?.name).toBe('employees_0615.csv');
    expect(newestMatch([...files].reverse(), 'employees_*.csv')?.name).toBe('employees_0615.csv');
  });

  it('gives undefined when nothing matches', () => {
    expect(newestMatch([file('other.csv', 1)], 'employees_*.csv')).toBeUndefined();
    expect(newestMatch([], 'employees_*.csv')).toBeUndefined();
  });
});
