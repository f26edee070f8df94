import numpy as np, pandas as pd, lifetimes
from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter
d = pd.read_csv('/work/shared/data/cdnow/cdnow_customers_summary.csv')
x, tx, T = d.frequency.values, d.recency.values, d['T'].values
np.set_printoptions(precision=10)
def ll_bg(p):
    r, al, a, b = p
    return -BetaGeoFitter._negative_log_likelihood(np.log([r, al, a, b]), x, tx, T, np.ones_like(x), 0.0) * len(x)
def ll_mbg(p):
    return -ModifiedBetaGeoFitter._negative_log_likelihood(np.log(p), x, tx, T, np.ones_like(x), 0.0) * len(x)
def ll_pa(p):
    return ParetoNBDFitter._conditional_log_likelihood(p, x, tx, T).sum()
ids = [0, 1, 2, 9, 100, 1000]
for name, F, llf in [('bgnbd', BetaGeoFitter, ll_bg), ('mbgnbd', ModifiedBetaGeoFitter, ll_mbg), ('pareto', ParetoNBDFitter, ll_pa)]:
    f = F().fit(x, tx, T)
    p = f.params_.values
    print(name, 'params', repr(p), 'll', repr(llf(p)))
    for i in ids:
        pa = np.atleast_1d(f.conditional_probability_alive(x[i], tx[i], T[i]))[0]
        e = np.atleast_1d(f.conditional_expected_number_of_purchases_up_to_time(10.0, x[i], tx[i], T[i]))[0]
        line = f'  id={i+1} x={x[i]} tx={tx[i]} T={T[i]} palive={pa!r} e10={e!r}'
        if name == 'pareto':
            p0 = f.conditional_probability_of_n_purchases_up_to_time(0, 10.0, x[i], tx[i], T[i])
            line += f' p_any10={1-p0!r}'
        print(line)
