#!/usr/bin/env python3
"""The work of bench/features-speed.ts done with scipy/numpy, for the speed ratio.

One SEED session: 62 channels, 15 trials (SEED durations, 200*T + 1 samples at 200 Hz), 5 bands,
butter(4, band, output='sos') + sosfiltfilt per trial (vectorised over channels), numpy.var per 1-s
window, DE = 0.5*ln(2*pi*e*var), then the same scalar Kalman + RTS smoother (vectorised over the
62 x 5 sequences). Run: python3 bench/features_scipy.py
"""
import time

import numpy as np
import scipy.signal as ss

SEED_TRIAL_SEC = [235, 233, 206, 238, 185, 195, 237, 216, 265, 237, 235, 233, 235, 238, 206]
BANDS = [(1, 3), (4, 7), (8, 13), (14, 30), (31, 50)]
C, FS = 62, 200


def lds(de, q_ratio=0.01):
    """de: W x K sequences along axis 0; the smoother of src/signal/lds-smoother.ts, vectorised."""
    R = de.var(axis=0)
    Q, P0, m0 = q_ratio * R, R, de[0].copy()
    W = de.shape[0]
    m, P, Pp = np.zeros_like(de), np.zeros_like(de), np.zeros_like(de)
    for t in range(W):
        mp, pp = (m0, P0) if t == 0 else (m[t - 1], P[t - 1] + Q)
        K = pp / (pp + R)
        m[t], P[t], Pp[t] = mp + K * (de[t] - mp), (1 - K) * pp, pp
    ms = m.copy()
    for t in range(W - 2, -1, -1):
        ms[t] = m[t] + P[t] / Pp[t + 1] * (ms[t + 1] - m[t])
    return ms


def main():
    rng = np.random.default_rng(1)
    trials = [30 * rng.standard_normal((C, sec * FS + 1)) for sec in SEED_TRIAL_SEC]
    filters = [ss.butter(4, b, btype='band', fs=FS, output='sos') for b in BANDS]
    t0 = time.perf_counter()
    windows = 0
    for x in trials:
        W = (x.shape[1] - FS) // FS + 1
        de = np.zeros((W, C, len(BANDS)))
        for b, sos in enumerate(filters):
            y = ss.sosfiltfilt(sos, x, axis=1)[:, :W * FS].reshape(C, W, FS)
            de[:, :, b] = 0.5 * np.log(2 * np.pi * np.e * y.var(axis=2)).T
        de = lds(de.reshape(W, -1)).reshape(W, C, len(BANDS))
        windows += W
    sec = time.perf_counter() - t0
    print(f'scipy: {windows} windows x {C} channels x 5 bands (Gaussian DE + LDS) in {sec:.2f} s')


if __name__ == '__main__':
    main()
