// Receipt inputs for the tests: an Arabic, a Persian, a Ukrainian and a German applicant.
import type { ReceiptInput } from "#app/domain/applications/receipt.server";

const office: ReceiptInput["office"] = {
  name: "Ausländerbehörde Musterstadt",
  street: "Rathausplatz 1",
  postcode: "12345",
  city: "Musterstadt",
  phone: "+49 30 1234 5678",
  email: "auslaenderbehoerde@musterstadt.example",
};

const base = {
  reference: "LT-7K4M-9QXD",
  // 14:07:09 in Berlin (CET, UTC+1).
  submittedAt: new Date("2026-03-05T13:07:09Z"),
  timeZone: "Europe/Berlin",
  office,
  statusUrl: "https://lotse.musterstadt.example/status/LT-7K4M-9QXD",
} as const;

export const arabic: ReceiptInput = {
  ...base,
  language: "ar",
  service: { applicant: "تمديد تصريح الإقامة للعمل", de: "Verlängerung der Aufenthaltserlaubnis zur Beschäftigung" },
  applicant: { familyName: "العلي", givenNames: "أحمد خالد", birthDate: "1990-02-01" },
  answers: [
    {
      question: { applicant: "هل تغيّر صاحب العمل منذ آخر تصريح؟", de: "Hat sich der Arbeitgeber seit der letzten Erlaubnis geändert?" },
      answer: { applicant: "لا", de: "Nein" },
    },
    {
      question: { applicant: "اسم صاحب العمل", de: "Name des Arbeitgebers" },
      answer: { applicant: "Siemens AG", de: "Siemens AG" },
    },
    {
      question: { applicant: "عدد ساعات العمل في الأسبوع", de: "Wochenarbeitszeit in Stunden" },
      answer: { applicant: "40 ساعة في الأسبوع منذ 2024", de: "40 Stunden pro Woche seit 2024" },
    },
  ],
  documents: [
    { name: { applicant: "جواز السفر", de: "Reisepass" }, files: 1, pages: 2 },
    { name: { applicant: "عقد العمل", de: "Arbeitsvertrag" }, files: 2, pages: 7 },
  ],
  missing: [{ applicant: "شهادة التسجيل (Meldebescheinigung)", de: "Meldebescheinigung" }],
};

export const persian: ReceiptInput = {
  ...base,
  language: "fa",
  service: { applicant: "درخواست اجازهٔ اقامت برای پیوستن خانواده", de: "Aufenthaltserlaubnis zum Familiennachzug" },
  applicant: { familyName: "پژوهنده", givenNames: "گلی ژاله", birthDate: "1988-11-23" },
  answers: [
    {
      question: { applicant: "چند فرزند زیر ۱۸ سال دارید؟", de: "Wie viele Kinder unter 18 Jahren haben Sie?" },
      answer: { applicant: "۲", de: "2" },
    },
    {
      question: { applicant: "نشانی فعلی شما", de: "Ihre jetzige Anschrift" },
      answer: { applicant: "Gartenweg 7, 12345 Musterstadt", de: "Gartenweg 7, 12345 Musterstadt" },
    },
  ],
  documents: [{ name: { applicant: "گذرنامه", de: "Reisepass" }, files: 1, pages: 3 }],
  missing: [],
};

export const ukrainian: ReceiptInput = {
  ...base,
  language: "uk",
  service: { applicant: "Дозвіл на проживання для тимчасового захисту", de: "Aufenthaltserlaubnis zum vorübergehenden Schutz" },
  applicant: { familyName: "Коваленко", givenNames: "Олена Ігорівна", birthDate: "1995-07-14" },
  answers: [
    {
      question: { applicant: "Коли ви прибули до Німеччини?", de: "Wann sind Sie nach Deutschland eingereist?" },
      answer: { applicant: "12 березня 2022 року", de: "12. März 2022" },
    },
  ],
  documents: [{ name: { applicant: "Паспорт", de: "Reisepass" }, files: 1, pages: 2 }],
  missing: [{ applicant: "Біометричне фото", de: "Biometrisches Foto" }],
};

export const german: ReceiptInput = {
  ...base,
  language: "de",
  service: { applicant: "Niederlassungserlaubnis", de: "Niederlassungserlaubnis" },
  applicant: { familyName: "Yılmaz", givenNames: "Ayşe Gül", birthDate: "1979-10-29" },
  answers: [
    {
      question: { applicant: "Seit wann leben Sie in Deutschland?", de: "Seit wann leben Sie in Deutschland?" },
      answer: { applicant: "Seit 2009", de: "Seit 2009" },
    },
  ],
  documents: [{ name: { applicant: "Reisepass", de: "Reisepass" }, files: 1, pages: 2 }],
  missing: [],
};

/** 30 answers (some long, one a long word) and 20 document types: more than a page per part. */
export function longArabic(): ReceiptInput {
  const sentenceAr = "أعمل منذ عام 2019 في شركة للبرمجيات في مدينة ميونخ، وعقد العمل غير محدود المدة، والراتب الشهري 4.250 يورو قبل الضرائب.";
  const sentenceDe = "Ich arbeite seit 2019 bei einer Softwarefirma in München; der Arbeitsvertrag ist unbefristet, das Monatsgehalt beträgt 4.250 Euro brutto.";
  return {
    ...arabic,
    answers: Array.from({ length: 30 }, (_, i) => ({
      question: { applicant: `السؤال رقم ${i + 1}: ما هي تفاصيل عملك الحالي؟`, de: `Frage ${i + 1}: Wie sieht Ihre jetzige Arbeit aus?` },
      answer:
        i % 5 === 0
          ? { applicant: Array(4).fill(sentenceAr).join(" "), de: Array(4).fill(sentenceDe).join(" ") }
          : i === 7
            ? {
                applicant: "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsnummernbestätigungsschreibenaktenzeichen",
                de: "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsnummernbestätigungsschreibenaktenzeichen",
              }
            : { applicant: `نعم، منذ ${2000 + i}`, de: `Ja, seit ${2000 + i}` },
    })),
    documents: Array.from({ length: 20 }, (_, i) => ({
      name: { applicant: `المستند رقم ${i + 1} (نسخة مصدقة من شهادة العمل والراتب)`, de: `Unterlage ${i + 1} (beglaubigte Kopie der Arbeits- und Gehaltsbescheinigung)` },
      files: (i % 3) + 1,
      pages: i + 1,
    })),
  };
}
