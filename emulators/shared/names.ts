import type { Random } from './random.ts';

/**
 * Person names for the emulators' generated companies. Names are grouped by language so a person
 * gets a plausible first/last pair; scripts other than Latin carry a romanisation (`display|ascii`)
 * that email addresses are built from, the way HR admins usually do it.
 */
const CULTURES: readonly { first: readonly string[]; last: readonly string[] }[] = [
  {
    first: ['James', 'Mary', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Ethan', 'Grace', 'Mason'],
    last: ['Smith', 'Johnson', 'Brown', 'Taylor', "O'Brien", 'Miller', 'Davis', 'Wilson', 'Clark'],
  },
  {
    first: ['Zoë', 'Chloé', 'Loïc', 'Amélie', 'Hélène', 'François', 'Noël', 'Inès', 'Jean-Luc'],
    last: ['Dubois', 'Lefèvre', 'Moreau', 'Girard', 'Bénard', 'Fournier', 'Lemaître', 'Rousseau'],
  },
  {
    first: ['Søren', 'Åsa', 'Bjørn', 'Ingrid', 'Mikkel', 'Sigrún', 'Ærø', 'Freja', 'Þór'],
    last: ['Jørgensen', 'Åberg', 'Nielsen', 'Lindqvist', 'Østergaard', 'Hansen', 'Sigurðsson'],
  },
  {
    first: [
      'José',
      'María',
      'Ángel',
      'Lucía',
      'Martín',
      'Sofía',
      'Raúl',
      'Inés',
      'João',
      'Conceição',
    ],
    last: ['García', 'Fernández', 'Muñoz', 'Pérez', 'Gonçalves', 'Álvarez', 'Núñez', 'Rodríguez'],
  },
  {
    first: ['Łukasz', 'Małgorzata', 'Paweł', 'Zofia', 'Wojciech', 'Agnieszka', 'Jiří', 'Dušan'],
    last: ['Kowalski', 'Wiśniewska', 'Żółkowski', 'Dvořák', 'Nowak', 'Łęcka', 'Kamiński'],
  },
  {
    first: ['Jürgen', 'Jörg', 'Lena', 'Maximilian', 'Anneliese', 'Günther', 'Lukas', 'Käthe'],
    last: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Becker', 'van der Berg', 'de Vries', 'Köhler'],
  },
  {
    first: ['Ngozi', 'Chinedu', 'Amara', 'Oluwaseun', 'Kwame', 'Ama', 'Tendai', 'Adaeze'],
    last: ['Okafor', 'Adeyemi', 'Mensah', 'Nwosu', 'Okonkwo', 'Boateng', 'Mwangi', 'Eze'],
  },
  {
    first: ['伟|wei', '芳|fang', '秀英|xiuying', '强|qiang', '静|jing', '磊|lei', '敏|min'],
    last: ['李|li', '王|wang', '张|zhang', '刘|liu', '陈|chen', '杨|yang', '黄|huang'],
  },
  {
    first: ['陽翔|haruto', 'さくら|sakura', '蓮|ren', '結衣|yui', 'Hiroshi', 'Yuki'],
    last: ['佐藤|sato', '鈴木|suzuki', '高橋|takahashi', 'Tanaka', 'Watanabe', '伊藤|ito'],
  },
  {
    first: ['Priya', 'Arjun', 'Ananya', 'Rohan', 'Lakshmi', 'Vikram', 'Saanvi', 'Aditya'],
    last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Krishnan', 'Banerjee'],
  },
  {
    first: ['Дмитрий|dmitry', 'Анна|anna', 'Olena', 'Сергей|sergey', 'Mykola', 'Ірина|iryna'],
    last: ['Иванов|ivanov', 'Petrenko', 'Смирнова|smirnova', 'Shevchenko', 'Кузнецов|kuznetsov'],
  },
  {
    first: ['محمد|mohammed', 'Fatima', 'Ahmed', 'Leila', 'Yusuf', 'Aylin', 'Emre', 'Zeynep'],
    last: ['Al-Sayed', 'Haddad', 'Yılmaz', 'Kaya', 'Çelik', 'Öztürk', 'Şahin', 'حداد|haddad'],
  },
  {
    first: ['Minh', 'Thảo', 'Huy', 'Ji-woo', 'Seo-yeon', 'Min-jun', 'Kai', 'Leilani'],
    last: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Kim', 'Park', '이|lee', 'Kahananui', 'Đặng'],
  },
];

const SPECIAL_LETTERS: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  œ: 'oe',
  Œ: 'OE',
};

/** ASCII letters and digits only, lower-cased: "Łęcka" → "lecka", "O'Brien" → "obrien". */
export function asciiSlug(text: string): string {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁøØæÆßđĐðÐþÞıœŒ]/g, (ch) => SPECIAL_LETTERS[ch] ?? '');
  return folded.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface PersonName {
  firstName: string;
  lastName: string;
  /** Romanised, ASCII-only forms for building emails and usernames. */
  firstAscii: string;
  lastAscii: string;
}

interface NamePart {
  display: string;
  ascii: string;
}

function parsePart(entry: string): NamePart {
  const [display = entry, romanised] = entry.split('|');
  return { display, ascii: asciiSlug(romanised ?? display) || 'x' };
}

const PARSED = CULTURES.map((c) => ({
  first: c.first.map(parsePart),
  last: c.last.map(parsePart),
}));

/** A random name; about one person in twelve mixes cultures (married names, global teams). */
export function randomName(rng: Random): PersonName {
  const culture = rng.pick(PARSED);
  const first = rng.pick(culture.first);
  const last = rng.pick(rng.chance(0.08) ? rng.pick(PARSED).last : culture.last);
  return {
    firstName: first.display,
    lastName: last.display,
    firstAscii: first.ascii,
    lastAscii: last.ascii,
  };
}
