package pitwall.model;

/**
 * Ridge regression without intercept, solved in closed form: (XᵀX + λ·rows·I) w = Xᵀy. Plain Java (Gaussian
 * elimination with partial pivoting) because the system is tiny (one column per ensemble member) and Smile's
 * linear models need a native BLAS.
 */
final class Ridge {

    private Ridge() {
    }

    /**
     * @param x       x[row][column]
     * @param y       target per row
     * @param penalty λ per row, so its strength does not depend on how many rows there are
     */
    static double[] fit(double[][] x, double[] y, double penalty) {
        int p = x.length == 0 ? 0 : x[0].length;
        double[][] a = new double[p][p + 1]; // augmented [XᵀX + λI | Xᵀy]
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i][j] += x[r][i] * x[r][j];
                }
                a[i][p] += x[r][i] * y[r];
            }
        }
        for (int i = 0; i < p; i++) {
            a[i][i] += penalty * x.length;
        }
        return solve(a);
    }

    /** Solves the augmented system [A | b] in place; a column without signal gets 0. */
    static double[] solve(double[][] a) {
        int p = a.length;
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            if (Math.abs(a[col][col]) < 1e-12) {
                continue; // a member with no signal at all: its weight stays 0
            }
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int c = col; c <= p; c++) {
                        a[r][c] -= factor * a[col][c];
                    }
                }
            }
        }
        double[] w = new double[p];
        for (int i = 0; i < p; i++) {
            w[i] = Math.abs(a[i][i]) < 1e-12 ? 0 : a[i][p] / a[i][i];
        }
        return w;
    }
}
