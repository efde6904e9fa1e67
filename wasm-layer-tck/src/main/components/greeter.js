// tck:js/api in JavaScript: records, strings, lists and options through componentize-js (ComponentJsTest).
export const api = {
  greet(p) {
    return `hello, ${p.name} (${p.age})`;
  },
  shout(s) {
    return s.toUpperCase() + "!";
  },
  people(names) {
    return names.map((name, i) => ({ name, age: name.length * 10 + i }));
  },
  oldest(ps) {
    let best;
    for (const p of ps) {
      if (best === undefined || p.age > best.age) best = p;
    }
    return best;
  },
};
