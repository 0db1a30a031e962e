package io.rooms.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Line charts as PNG with the JDK's own 2D graphics: no plotting dependency. */
final class Plot {
    record Series(String name, Color color, List<double[]> points) {}

    record Panel(String title, String xLabel, String yLabel, List<Series> series) {}

    private static final int WIDTH = 560;
    private static final int HEIGHT = 400;
    private static final int MARGIN = 70;

    static void write(Path file, List<Panel> panels) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH * panels.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            draw(g, panels.get(i), i * WIDTH);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Panel panel, int left) {
        double maxX = 0;
        double maxY = 0;
        for (Series series : panel.series()) {
            for (double[] point : series.points()) {
                maxX = Math.max(maxX, point[0]);
                maxY = Math.max(maxY, point[1]);
            }
        }
        maxX = niceCeiling(maxX);
        maxY = niceCeiling(maxY);
        int x0 = left + MARGIN;
        int y0 = HEIGHT - MARGIN + 10;
        int plotWidth = WIDTH - MARGIN - 30;
        int plotHeight = HEIGHT - MARGIN - 40;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title(), x0, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawLine(x0, y0, x0 + plotWidth, y0);
        g.drawLine(x0, y0, x0, y0 - plotHeight);
        for (int tick = 0; tick <= 5; tick++) {
            int x = x0 + plotWidth * tick / 5;
            int y = y0 - plotHeight * tick / 5;
            g.setColor(new Color(230, 230, 230));
            g.drawLine(x0 + 1, y, x0 + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(format(maxX * tick / 5), x - 12, y0 + 15);
            g.drawString(format(maxY * tick / 5), left + 8, y + 4);
        }
        g.drawString(panel.xLabel(), x0 + plotWidth / 2 - 60, HEIGHT - 18);
        g.drawString(panel.yLabel(), x0 + 4, y0 - plotHeight - 8);
        int legendY = 40;
        for (Series series : panel.series()) {
            g.setColor(series.color());
            g.setStroke(new BasicStroke(2.2f));
            int[] previous = null;
            for (double[] point : series.points()) {
                int x = x0 + (int) (plotWidth * point[0] / maxX);
                int y = y0 - (int) (plotHeight * point[1] / maxY);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], x, y);
                }
                previous = new int[] {x, y};
            }
            g.drawLine(left + WIDTH - 150, legendY, left + WIDTH - 125, legendY);
            g.setColor(Color.BLACK);
            g.drawString(series.name(), left + WIDTH - 118, legendY + 4);
            legendY += 16;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        if (value >= 10_000) {
            return Math.round(value / 1000) + "k";
        }
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static Map<String, Color> palette() {
        return Map.of("rooms", new Color(59, 111, 212), "node", new Color(220, 110, 30), "uws", new Color(46, 125, 50));
    }
}
