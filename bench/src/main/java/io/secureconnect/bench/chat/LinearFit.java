package io.secureconnect.bench.chat;

import java.util.List;

/**
 * Least-squares line through measured points: the slope of memory over connections is the marginal cost of one
 * more connection, less sensitive to a single noisy sample than (last - first) / n.
 */
record LinearFit(double slope, double intercept) {

    record Point(double x, double y) {
    }

    static LinearFit of(List<Point> points) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("a line needs at least two points");
        }
        double n = points.size();
        double meanX = points.stream().mapToDouble(Point::x).sum() / n;
        double meanY = points.stream().mapToDouble(Point::y).sum() / n;
        double covariance = 0;
        double variance = 0;
        for (Point point : points) {
            covariance += (point.x() - meanX) * (point.y() - meanY);
            variance += (point.x() - meanX) * (point.x() - meanX);
        }
        if (variance == 0) {
            throw new IllegalArgumentException("all points have the same x");
        }
        double slope = covariance / variance;
        return new LinearFit(slope, meanY - slope * meanX);
    }
}
