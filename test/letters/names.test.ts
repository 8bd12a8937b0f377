import { describe, expect, it } from "vitest";
import { genderOf, greetingName, signatureName, splitFullName } from "../../core/letters/person-name.js";
import { dativeSurname, russianAddressee } from "../../core/letters/russian-dative.js";

describe("names on letters", () => {
  it("signs with the first name's initial and the surname: «Б. Исабеков»", () => {
    expect(signatureName({ surname: "Исабеков", firstName: "Бауыржан", patronymic: "Серікұлы" })).toBe("Б. Исабеков");
    expect(signatureName({ surname: "Әлиева", firstName: "әсел", patronymic: null })).toBe("Ә. Әлиева");
  });

  it("greets by first name and patronymic, a two-word Kazakh patronymic kept whole", () => {
    expect(greetingName(splitFullName("Серікова Айгерім Серікқызы"))).toBe("Айгерім Серікқызы");
    expect(greetingName(splitFullName("  Құнанбаев  Әлихан Ғабит ұлы "))).toBe("Әлихан Ғабит ұлы");
    expect(greetingName(splitFullName("Омар Данияр"))).toBe("Данияр");
  });

  it("tells the gender only from a patronymic that shows it", () => {
    expect(genderOf("Сергеевич")).toBe("male");
    expect(genderOf("Ильинична")).toBe("female");
    expect(genderOf("Серікқызы")).toBe("female");
    expect(genderOf("Ғабит ұлы")).toBe("male");
    expect(genderOf("Серикович")).toBe("male");
    expect(genderOf(null)).toBeNull();
    expect(genderOf("Серік")).toBeNull();
  });
});

describe("the Russian addressee in the dative", () => {
  it("declines -ов/-ев/-ин and -ский, masculine and feminine", () => {
    expect(dativeSurname("Петров", "male")).toBe("Петрову");
    expect(dativeSurname("Тоқаев", null)).toBe("Тоқаеву");
    expect(dativeSurname("Ильин", "male")).toBe("Ильину");
    expect(dativeSurname("Петрова", "female")).toBe("Петровой");
    expect(dativeSurname("Ильина", null)).toBe("Ильиной");
    expect(dativeSurname("Жұмабекова", "female")).toBe("Жұмабековой");
    expect(dativeSurname("Вишневский", "male")).toBe("Вишневскому");
    expect(dativeSurname("Вишневская", "female")).toBe("Вишневской");
    expect(dativeSurname("Римская-Корсакова", "female")).toBe("Римской-Корсаковой");
  });

  it("keeps the nominative where the rule is not certain", () => {
    expect(dativeSurname("Сейткали", "male")).toBeNull();
    expect(dativeSurname("Омар", null)).toBeNull();
    expect(dativeSurname("Серікқызы", "female")).toBeNull();
    // A masculine ending with a feminine patronymic: better unchanged than wrong.
    expect(dativeSurname("Петров", "female")).toBeNull();
    expect(dativeSurname("Ов", null)).toBeNull();
  });

  it("writes the surname, then the initials of the first name and patronymic", () => {
    expect(russianAddressee(splitFullName("Петров Иван Сергеевич"), "male")).toBe("Петрову И.С.");
    expect(russianAddressee(splitFullName("Петрова Анна Сергеевна"), "female")).toBe("Петровой А.С.");
    expect(russianAddressee(splitFullName("Сейткали Айдос Болатұлы"), "male")).toBe("Сейткали А.Б.");
    expect(russianAddressee(splitFullName("Ким Виктор"), null)).toBe("Ким В.");
  });
});
