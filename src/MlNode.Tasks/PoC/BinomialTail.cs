namespace MlNode.Tasks.PoC;

/// <summary>
/// The upper tail of the binomial distribution, <c>P(X ≥ k)</c> for <c>X ~ Binomial(n, p)</c>: the p-value of
/// the one-sided ("greater") fraud test. Computed in log space so that n in the hundreds of thousands neither
/// overflows nor loses p-values far below double's smallest normal number.
/// </summary>
internal static class BinomialTail
{
    /// <summary>Returns <c>P(X ≥ k)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n or k negative, or p outside [0, 1].</exception>
    public static double UpperTail(int k, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be within [0, 1]");
        }

        if (k == 0)
        {
            return 1.0;
        }

        if (k > n || p == 0)
        {
            return 0.0;
        }

        if (p == 1)
        {
            return 1.0;
        }

        var logP = Math.Log(p);
        var log1MinusP = Log1P(-p);

        // log C(n, k) as a sum of logs: exact enough (relative error ~1e-13 at n = 100,000) and no gamma function needed.
        double logChoose = 0;
        for (var j = 1; j <= k; j++)
        {
            logChoose += Math.Log((double)(n - k + j) / j);
        }

        // Terms t_i = C(n,i) p^i (1-p)^(n-i) for i = k..n, each from the previous by the ratio (n-i)/(i+1) * p/(1-p).
        // Sum them relative to the largest so nothing underflows before it is added.
        var logTerm = logChoose + (k * logP) + ((n - k) * log1MinusP);
        var logRatioBase = logP - log1MinusP;
        var logTerms = new List<double>(capacity: Math.Min(n - k + 1, 4096)) { logTerm };
        var maxLog = logTerm;
        for (var i = k; i < n; i++)
        {
            logTerm += Math.Log((double)(n - i) / (i + 1)) + logRatioBase;
            logTerms.Add(logTerm);
            if (logTerm > maxLog)
            {
                maxLog = logTerm;
            }
            else if (logTerm < maxLog - 745)
            {
                // Past the mode and below anything that can still change the sum (exp(-745) is double's floor).
                break;
            }
        }

        double scaled = 0;
        foreach (var t in logTerms)
        {
            scaled += Math.Exp(t - maxLog);
        }

        var result = Math.Exp(maxLog + Math.Log(scaled));
        return Math.Min(1.0, result);
    }

    // log(1 + x) without the cancellation of Math.Log(1 + x) for tiny x (p_mismatch is often 1e-3 or less);
    // .NET's double.LogP1 computes exactly that naive form. This is the classic correction by the rounding of 1 + x.
    private static double Log1P(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
