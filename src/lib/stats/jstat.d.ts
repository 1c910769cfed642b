// The few jstat 1.9 functions src/lib/stats uses; jstat ships no types.
declare module "jstat" {
  interface JStat {
    normal: {cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number};
    chisquare: {cdf(x: number, dof: number): number; inv(p: number, dof: number): number};
    studentt: {cdf(x: number, dof: number): number; inv(p: number, dof: number): number};
    erfc(x: number): number;
    gammaln(x: number): number;
    lowRegGamma(a: number, x: number): number;
  }
  const jStat: JStat;
  export default jStat;
}
