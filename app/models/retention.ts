// Revenue retention from account timelines: pure, so the exact figures are unit-tested.
// GRR = (start - contraction - churn) / start; NRR = (start + expansion - contraction - churn) / start.
// The cohort is the accounts active with ARR > 0 at `from`; accounts that start during the
// period are new business and count in neither figure (the usual SaaS definition).

export type Point<T> = { at: Date; value: T };
/** The values an account took over time, oldest first. */
export type AccountTimeline = { arr: Point<number>[]; status: Point<string>[] };

export type RetentionFigures = {
  from: string;
  to: string;
  accounts: number;
  startingArr: number;
  expansion: number;
  contraction: number;
  churned: number;
  churnedAccounts: number;
  /** Ratios (0.92 = 92 %); null when no account was active at the start. */
  grr: number | null;
  nrr: number | null;
  logoChurnRate: number | null;
  /** Average ARR per account at the start divided by the annualized logo churn rate; null without churn. */
  averageLtv: number | null;
};

const DAYS_PER_YEAR = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
const CHURNED = "churned";

function valueAt<T>(points: Point<T>[], at: Date): T | undefined {
  let found: T | undefined;
  for (const p of points) {
    if (p.at.getTime() > at.getTime()) break;
    found = p.value;
  }
  return found;
}

export function computeRetention(
  timelines: AccountTimeline[],
  from: Date,
  to: Date,
): RetentionFigures {
  let accounts = 0;
  let startingArr = 0;
  let expansion = 0;
  let contraction = 0;
  let churned = 0;
  let churnedAccounts = 0;
  for (const t of timelines) {
    const startArr = valueAt(t.arr, from);
    const startStatus = valueAt(t.status, from) ?? "active";
    if (startArr === undefined || startArr <= 0 || startStatus === CHURNED) continue;
    accounts += 1;
    startingArr += startArr;
    const endStatus = valueAt(t.status, to) ?? startStatus;
    const endArr = valueAt(t.arr, to) ?? startArr;
    if (endStatus === CHURNED || endArr <= 0) {
      churned += startArr;
      churnedAccounts += 1;
    } else if (endArr > startArr) {
      expansion += endArr - startArr;
    } else if (endArr < startArr) {
      contraction += startArr - endArr;
    }
  }
  const ratio = (n: number) => (startingArr > 0 ? n / startingArr : null);
  const logoChurnRate = accounts > 0 ? churnedAccounts / accounts : null;
  const years = Math.max(to.getTime() - from.getTime(), DAY_MS) / DAY_MS / DAYS_PER_YEAR;
  const annualChurn = logoChurnRate === null ? null : logoChurnRate / years;
  const averageLtv =
    annualChurn && accounts > 0 ? Math.round(startingArr / accounts / annualChurn) : null;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    accounts,
    startingArr,
    expansion,
    contraction,
    churned,
    churnedAccounts,
    grr: ratio(startingArr - contraction - churned),
    nrr: ratio(startingArr + expansion - contraction - churned),
    logoChurnRate,
    averageLtv,
  };
}
