/* apl-risk-matrix.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small 5 × 5 risk matrix: likelihood across, impact up, the scenario a
 * dot in its cell. Cells are coloured by likelihood × impact with
 * libadwaita's named colours, so the matrix reads in light and dark
 * styles. A click or the arrow keys move the dot; "risk-chosen" tells the
 * page, which saves it. A drawing, so no template.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-risk-matrix.h"

#define CELLS 5
#define CELL_SIZE 30
#define GAP 3

struct _AplRiskMatrix
{
  GtkWidget parent_instance;

  int       likelihood;
  int       impact;
};

G_DEFINE_FINAL_TYPE (AplRiskMatrix, apl_risk_matrix, GTK_TYPE_WIDGET)

enum {
  RISK_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
update_accessible (AplRiskMatrix *self)
{
  /* Translators: the risk matrix as a screen reader says it */
  g_autofree char *text = g_strdup_printf (_("Likelihood %d of 5, impact %d of 5"), self->likelihood, self->impact);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
}

static void
choose (AplRiskMatrix *self,
        int            likelihood,
        int            impact)
{
  likelihood = CLAMP (likelihood, 1, CELLS);
  impact = CLAMP (impact, 1, CELLS);
  if (likelihood == self->likelihood && impact == self->impact)
    return;
  apl_risk_matrix_set_risk (self, likelihood, impact);
  g_signal_emit (self, signals[RISK_CHOSEN], 0, likelihood, impact);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, "gray");
}

/* Callbacks */

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            AplRiskMatrix   *self)
{
  int column = (int) (x / (CELL_SIZE + GAP));
  int row = (int) (y / (CELL_SIZE + GAP));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (column < 0 || column >= CELLS || row < 0 || row >= CELLS)
    return;
  choose (self, column + 1, CELLS - row);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AplRiskMatrix         *self)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      choose (self, self->likelihood - 1, self->impact);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      choose (self, self->likelihood + 1, self->impact);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      choose (self, self->likelihood, self->impact + 1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      choose (self, self->likelihood, self->impact - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

/* GtkWidget */

static void
apl_risk_matrix_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = *natural = CELLS * CELL_SIZE + (CELLS - 1) * GAP;
}

static void
apl_risk_matrix_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AplRiskMatrix *self = APL_RISK_MATRIX (widget);
  GdkRGBA high, medium, low, fg, accent;

  lookup_color (widget, "error_color", &high);
  lookup_color (widget, "warning_color", &medium);
  lookup_color (widget, "success_color", &low);
  lookup_color (widget, "window_fg_color", &fg);
  lookup_color (widget, "accent_color", &accent);

  for (int row = 0; row < CELLS; row++)
    for (int column = 0; column < CELLS; column++)
      {
        int likelihood = column + 1;
        int impact = CELLS - row;
        int score = likelihood * impact;
        GdkRGBA color = score >= 15 ? high : score >= 6 ? medium : low;
        GskRoundedRect cell;
        graphene_rect_t bounds = GRAPHENE_RECT_INIT (column * (CELL_SIZE + GAP), row * (CELL_SIZE + GAP),
                                                     CELL_SIZE, CELL_SIZE);

        color.alpha = likelihood == self->likelihood && impact == self->impact ? 0.85 : 0.35;
        gsk_rounded_rect_init_from_rect (&cell, &bounds, 4);
        gtk_snapshot_push_rounded_clip (snapshot, &cell);
        gtk_snapshot_append_color (snapshot, &color, &bounds);
        gtk_snapshot_pop (snapshot);

        if (likelihood == self->likelihood && impact == self->impact)
          {
            float widths[4] = { 2, 2, 2, 2 };
            GdkRGBA colors[4] = { fg, fg, fg, fg };
            graphene_rect_t dot = GRAPHENE_RECT_INIT (bounds.origin.x + CELL_SIZE / 2.0 - 6,
                                                      bounds.origin.y + CELL_SIZE / 2.0 - 6, 12, 12);
            GskRoundedRect round;

            gtk_snapshot_append_border (snapshot, &cell, widths, colors);
            gsk_rounded_rect_init_from_rect (&round, &dot, 6);
            gtk_snapshot_push_rounded_clip (snapshot, &round);
            gtk_snapshot_append_color (snapshot, &fg, &dot);
            gtk_snapshot_pop (snapshot);
          }
      }

  if (gtk_widget_has_visible_focus (widget))
    {
      float widths[4] = { 2, 2, 2, 2 };
      GdkRGBA colors[4] = { accent, accent, accent, accent };
      int size = CELLS * CELL_SIZE + (CELLS - 1) * GAP;
      GskRoundedRect outline;

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (-3, -3, size + 6, size + 6), 6);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

/* GObject */

static void
apl_risk_matrix_class_init (AplRiskMatrixClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = apl_risk_matrix_measure;
  widget_class->snapshot = apl_risk_matrix_snapshot;

  /**
   * AplRiskMatrix::risk-chosen:
   * @likelihood: 1 to 5
   * @impact: 1 to 5
   *
   * The user moved the scenario on the matrix.
   */
  signals[RISK_CHOSEN] = g_signal_new ("risk-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "riskmatrix");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
apl_risk_matrix_init (AplRiskMatrix *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->likelihood = 3;
  self->impact = 3;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Risk matrix: likelihood across, impact up"), -1);
  update_accessible (self);
}

/* Public API */

GtkWidget *
apl_risk_matrix_new (void)
{
  return g_object_new (APL_TYPE_RISK_MATRIX, NULL);
}

void
apl_risk_matrix_set_risk (AplRiskMatrix *self,
                          int            likelihood,
                          int            impact)
{
  g_return_if_fail (APL_IS_RISK_MATRIX (self));

  self->likelihood = CLAMP (likelihood, 1, CELLS);
  self->impact = CLAMP (impact, 1, CELLS);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
apl_risk_matrix_get_likelihood (AplRiskMatrix *self)
{
  g_return_val_if_fail (APL_IS_RISK_MATRIX (self), 0);
  return self->likelihood;
}

int
apl_risk_matrix_get_impact (AplRiskMatrix *self)
{
  g_return_val_if_fail (APL_IS_RISK_MATRIX (self), 0);
  return self->impact;
}
