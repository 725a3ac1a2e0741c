/* apl-stakeholder-map.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan's power/interest grid (Mendelow): one card per stakeholder, placed
 * by influence (up) and interest (right), coloured by attitude. Cards move
 * with the mouse (drag), or with the keyboard: arrow keys select the
 * nearest card in that direction, Tab and Shift+Tab go through the cards in
 * list order, Shift+arrow keys move the selected card by 5.
 *
 * Each card carries a small badge with its group's initials ("Me" for
 * Media); a legend under the grid says which badge is which group.
 *
 * Drawing happens in three tiers, so that a map of hundreds of cards stays
 * smooth:
 * - the layout (where each card goes, its text, the legend) is computed
 *   once per change of the stakeholders, their values or the size, when the
 *   next frame asks for it, never per frame and never during a drag;
 * - the drawing of the whole map is recorded once per layout, selection or
 *   relationship change as one render node, which every later frame reuses;
 * - while a card is dragged, everything but that card and its lines is
 *   recorded once, at the first frame of the drag, and each pointer motion
 *   only draws the dragged card and its lines on top of it.
 * It has no template: everything in it is drawn.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "apl-stakeholder-map-private.h"

#define MARGIN_LEFT   40.f
#define MARGIN_BOTTOM 30.f
#define MARGIN_TOP    28.f
#define MARGIN_RIGHT  8.f
#define CARD_MAX_W    168.f
#define CARD_MIN_W    96.f
#define CARD_H        42.f
#define CARD_GAP      4.f
#define CARD_RADIUS   6.f
/* How many places near its own an overlapping card tries before it settles
 * for a small cascade offset. */
#define MAX_TRIES     9
/* The legend of group badges, in rows under the grid. */
#define LEGEND_ROW_H  20.f
#define LEGEND_PAD    6.f
#define BADGE_H       14.f
#define BADGE_PAD     4.f

typedef struct
{
  AplPlacement     *placement;
  graphene_point_t  anchor;   /* where its values put it */
  graphene_rect_t   rect;     /* where it is drawn */
  PangoLayout      *name_layout;
  PangoLayout      *group_layout;
  guint             legend_index;
} Card;

typedef struct
{
  AplStakeholderGroup *group;
  PangoLayout         *marker_layout;
  PangoLayout         *name_layout;
  float                badge_w;
  graphene_point_t     origin;  /* of the legend entry */
} LegendEntry;

/* Everything a frame needs to know about where things go. */
typedef struct
{
  GArray          *cards;   /* of Card */
  GArray          *legend;  /* of LegendEntry, one per group on the map */
  graphene_rect_t  plot;
  float            width;
  float            height;
} Layout;

typedef enum
{
  DRAW_ALL,
  DRAW_ALL_BUT_DRAGGED,
  DRAW_DRAGGED_ONLY,
} DrawMode;

typedef struct
{
  GdkRGBA fg;
  GdkRGBA bg;
  GdkRGBA card;
  GdkRGBA accent;
  GdkRGBA attitude[3];
} Palette;

struct _AplStakeholderMap
{
  GtkWidget         parent_instance;

  GListModel       *model;
  GListModel       *relationships;
  gboolean          show_relationships;
  AplPlacement     *selected;

  Layout           *layout;       /* for the widget's own size; NULL when stale */
  GskRenderNode    *node;         /* the whole map, as last recorded */
  GskRenderNode    *drag_base;    /* all but the dragged card, during a drag */
  guint             n_layouts;
  guint             n_recordings;
  GPtrArray        *watched;      /* placements whose notify we listen to */

  AplPlacement     *dragged;
  graphene_point_t  drag_anchor;
  double            drag_dx;
  double            drag_dy;
};

G_DEFINE_FINAL_TYPE (AplStakeholderMap, apl_stakeholder_map, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SHOW_RELATIONSHIPS,
  PROP_SELECTED,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers: geometry */

static void
card_clear (gpointer data)
{
  Card *card = data;

  g_clear_object (&card->placement);
  g_clear_object (&card->name_layout);
  g_clear_object (&card->group_layout);
}

static void
legend_entry_clear (gpointer data)
{
  LegendEntry *entry = data;

  g_clear_object (&entry->group);
  g_clear_object (&entry->marker_layout);
  g_clear_object (&entry->name_layout);
}

static void
layout_free (Layout *layout)
{
  g_clear_pointer (&layout->cards, g_array_unref);
  g_clear_pointer (&layout->legend, g_array_unref);
  g_free (layout);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

static void
get_plot (float            width,
          float            height,
          float            legend_height,
          graphene_rect_t *plot)
{
  graphene_rect_init (plot, MARGIN_LEFT, MARGIN_TOP,
                      MAX (1.f, width - MARGIN_LEFT - MARGIN_RIGHT),
                      MAX (1.f, height - MARGIN_TOP - MARGIN_BOTTOM - legend_height));
}

static void
point_for_values (const graphene_rect_t *plot,
                  int                    influence,
                  int                    interest,
                  graphene_point_t      *point)
{
  point->x = plot->origin.x + plot->size.width * interest / 100.f;
  point->y = plot->origin.y + plot->size.height * (100 - influence) / 100.f;
}

static int
clamp_value (double value)
{
  /* Rounds half away from zero without libm, which the GUI does not link. */
  int rounded = (int) (value + (value >= 0 ? 0.5 : -0.5));

  return CLAMP (rounded, APL_PLACEMENT_MIN, APL_PLACEMENT_MAX);
}

static void
values_for_point (const graphene_rect_t *plot,
                  double                 x,
                  double                 y,
                  int                   *influence,
                  int                   *interest)
{
  *interest = clamp_value ((x - plot->origin.x) * 100.0 / plot->size.width);
  *influence = clamp_value (100.0 - (y - plot->origin.y) * 100.0 / plot->size.height);
}

static float
card_width (const graphene_rect_t *plot)
{
  return CLAMP (plot->size.width / 4.f, CARD_MIN_W, CARD_MAX_W);
}

static gboolean
overlaps_any (GArray                *cards,
              const graphene_rect_t *rect)
{
  graphene_rect_t padded;

  graphene_rect_inset_r (rect, -CARD_GAP / 2, -CARD_GAP / 2, &padded);
  for (guint i = 0; i < cards->len; i++)
    if (graphene_rect_intersection (&padded, &g_array_index (cards, Card, i).rect, NULL))
      return TRUE;
  return FALSE;
}

/* Keeps a card inside the grid, so that a stakeholder at 0 or 100 stays
 * readable instead of half off the edge. */
static void
fit_in_plot (const graphene_rect_t *plot,
             graphene_rect_t       *rect)
{
  rect->origin.x = CLAMP (rect->origin.x, plot->origin.x,
                          MAX (plot->origin.x, plot->origin.x + plot->size.width - rect->size.width));
  rect->origin.y = CLAMP (rect->origin.y, plot->origin.y,
                          MAX (plot->origin.y, plot->origin.y + plot->size.height - rect->size.height));
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             float       width,
             gboolean    bold,
             double      scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  gint64 ia = apl_stakeholder_group_get_id (((const LegendEntry *) a)->group);
  gint64 ib = apl_stakeholder_group_get_id (((const LegendEntry *) b)->group);

  return ia < ib ? -1 : ia > ib;
}

/* One entry per group on the map, in the order of the groups list (seeded
 * groups first, then the organisation's own), flowed into rows under the
 * grid. Returns the height the legend needs. */
static float
compute_legend (AplStakeholderMap *self,
                GArray            *legend,
                float              width)
{
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;
  float x = MARGIN_LEFT, max_x = MAX (MARGIN_LEFT + 1, width - MARGIN_RIGHT);
  int rows = 1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplPlacement) placement = g_list_model_get_item (self->model, i);
      AplStakeholderGroup *group = apl_stakeholder_get_group (apl_placement_get_stakeholder (placement));
      gboolean known = FALSE;

      for (guint j = 0; j < legend->len && !known; j++)
        known = g_array_index (legend, LegendEntry, j).group == group;
      if (!known && group != NULL)
        {
          LegendEntry entry = { g_object_ref (group) };

          g_array_append_val (legend, entry);
        }
    }
  if (legend->len == 0)
    return 0;
  g_array_sort (legend, compare_groups);

  for (guint i = 0; i < legend->len; i++)
    {
      LegendEntry *entry = &g_array_index (legend, LegendEntry, i);
      g_autofree char *marker = apl_stakeholder_map_group_marker (apl_stakeholder_group_get_name (entry->group));
      int marker_w, name_w, text_h;
      float entry_w;

      entry->marker_layout = make_layout (GTK_WIDGET (self), marker, -1, TRUE, 0.75);
      entry->name_layout = make_layout (GTK_WIDGET (self), apl_stakeholder_group_get_name (entry->group),
                                        CARD_MAX_W, FALSE, 0.85);
      pango_layout_get_pixel_size (entry->marker_layout, &marker_w, &text_h);
      pango_layout_get_pixel_size (entry->name_layout, &name_w, &text_h);
      entry->badge_w = MAX (BADGE_H, marker_w + 2 * BADGE_PAD);
      entry_w = entry->badge_w + 5 + name_w;

      if (x > MARGIN_LEFT && x + entry_w > max_x)
        {
          rows++;
          x = MARGIN_LEFT;
        }
      /* Rows are numbered for now; compute_layout() turns them into y. */
      entry->origin = GRAPHENE_POINT_INIT (x, rows - 1);
      x += entry_w + 16;
    }
  return rows * LEGEND_ROW_H + LEGEND_PAD;
}

static guint
legend_index (GArray              *legend,
              AplStakeholderGroup *group)
{
  for (guint i = 0; i < legend->len; i++)
    if (g_array_index (legend, LegendEntry, i).group == group)
      return i;
  return G_MAXUINT;
}

/* Places every card at its values; a card that would cover another is
 * tried just below, above, then further away, and as a last resort
 * cascaded, so that every name stays readable. */
static Layout *
compute_layout (AplStakeholderMap *self,
                float              width,
                float              height)
{
  Layout *layout = g_new0 (Layout, 1);
  float legend_height, legend_top;
  guint n;
  float w;

  layout->width = width;
  layout->height = height;
  layout->cards = g_array_new (FALSE, TRUE, sizeof (Card));
  g_array_set_clear_func (layout->cards, card_clear);
  layout->legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  g_array_set_clear_func (layout->legend, legend_entry_clear);

  legend_height = compute_legend (self, layout->legend, width);
  get_plot (width, height, legend_height, &layout->plot);
  legend_top = height - legend_height + LEGEND_PAD / 2;
  for (guint i = 0; i < layout->legend->len; i++)
    {
      LegendEntry *entry = &g_array_index (layout->legend, LegendEntry, i);

      entry->origin.y = legend_top + entry->origin.y * LEGEND_ROW_H;
    }

  if (self->model == NULL)
    return layout;

  w = card_width (&layout->plot);
  n = g_list_model_get_n_items (self->model);

  for (guint i = 0; i < n; i++)
    {
      Card card = { 0 };
      AplStakeholder *stakeholder;
      graphene_rect_t base;
      gboolean placed = FALSE;
      float badge_w, dots_w;

      card.placement = g_list_model_get_item (self->model, i);
      point_for_values (&layout->plot, apl_placement_get_influence (card.placement),
                        apl_placement_get_interest (card.placement), &card.anchor);
      graphene_rect_init (&base, card.anchor.x - w / 2, card.anchor.y - CARD_H / 2, w, CARD_H);
      fit_in_plot (&layout->plot, &base);

      for (int k = 0; k < MAX_TRIES && !placed; k++)
        {
          int step = (k + 1) / 2 * (k % 2 == 1 ? 1 : -1);

          card.rect = base;
          card.rect.origin.y += step * (CARD_H + CARD_GAP);
          fit_in_plot (&layout->plot, &card.rect);
          placed = !overlaps_any (layout->cards, &card.rect);
        }
      if (!placed)
        {
          card.rect = base;
          card.rect.origin.x += 10.f * (i % 6);
          card.rect.origin.y += 10.f * (i % 6);
          fit_in_plot (&layout->plot, &card.rect);
        }

      stakeholder = apl_placement_get_stakeholder (card.placement);
      card.legend_index = legend_index (layout->legend, apl_stakeholder_get_group (stakeholder));
      badge_w = card.legend_index < layout->legend->len
                ? g_array_index (layout->legend, LegendEntry, card.legend_index).badge_w : 0;
      /* The name leaves room for the strength dots in the corner (none
       * for a neutral stakeholder), the group name for the group badge. */
      dots_w = apl_placement_get_attitude (card.placement) == APL_ATTITUDE_NEUTRAL
               ? 0 : 8.f * apl_placement_get_strength (card.placement) + 4;
      card.name_layout = make_layout (GTK_WIDGET (self), apl_stakeholder_get_name (stakeholder),
                                      w - 19 - dots_w, TRUE, 1.0);
      card.group_layout = make_layout (GTK_WIDGET (self), apl_stakeholder_get_group_name (stakeholder),
                                       w - 26 - badge_w, FALSE, 0.85);
      g_array_append_val (layout->cards, card);
    }

  return layout;
}

static Layout *
get_layout (AplStakeholderMap *self)
{
  if (self->layout == NULL)
    {
      self->layout = compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                                     gtk_widget_get_height (GTK_WIDGET (self)));
      self->n_layouts++;
    }
  return self->layout;
}

static GArray *
get_cards (AplStakeholderMap *self)
{
  return get_layout (self)->cards;
}

/* Something drawn changed, but no card moved: the selection, the lines. */
static void
redraw (AplStakeholderMap *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->drag_base, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The stakeholders, their values, the size or the style changed: the next
 * frame lays the map out again, once, however many notifications led to
 * it. */
static void
invalidate (AplStakeholderMap *self)
{
  g_clear_pointer (&self->layout, layout_free);
  redraw (self);
}

static Card *
find_card (GArray       *cards,
           AplPlacement *placement)
{
  for (guint i = 0; i < cards->len; i++)
    if (g_array_index (cards, Card, i).placement == placement)
      return &g_array_index (cards, Card, i);
  return NULL;
}

static Card *
find_card_for_stakeholder (GArray         *cards,
                           AplStakeholder *stakeholder)
{
  for (guint i = 0; i < cards->len; i++)
    if (apl_placement_get_stakeholder (g_array_index (cards, Card, i).placement) == stakeholder)
      return &g_array_index (cards, Card, i);
  return NULL;
}

/* Where a card is shown right now: a dragged card follows the pointer. */
static void
shown_rect (AplStakeholderMap *self,
            const Card        *card,
            graphene_rect_t   *rect)
{
  *rect = card->rect;
  if (card->placement == self->dragged)
    {
      rect->origin.x += self->drag_dx;
      rect->origin.y += self->drag_dy;
    }
}

/* Helpers: colours */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  /* libadwaita's named colours, so that light, dark and high contrast
   * styles all give readable cards. */
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
get_palette (AplStakeholderMap *self,
             Palette           *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);

  lookup_color (widget, "window_fg_color", "rgba(0,0,0,0.8)", &palette->fg);
  lookup_color (widget, "view_bg_color", "#ffffff", &palette->bg);
  lookup_color (widget, "card_bg_color", "#ffffff", &palette->card);
  lookup_color (widget, "accent_color", "#1c71d8", &palette->accent);
  lookup_color (widget, "error_color", "#c01c28", &palette->attitude[APL_ATTITUDE_CRITIC]);
  lookup_color (widget, "warning_color", "#9c6e03", &palette->attitude[APL_ATTITUDE_NEUTRAL]);
  lookup_color (widget, "success_color", "#1b8553", &palette->attitude[APL_ATTITUDE_SUPPORTER]);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

/* Drawing */

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           float          x,
           float          y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Quadrant names sit outside the grid, above and below it, where no card
 * can ever hide them. */
static void
draw_grid (AplStakeholderMap     *self,
           GtkSnapshot           *snapshot,
           const graphene_rect_t *plot,
           const Palette         *palette)
{
  static const AplQuadrant cells[4] = {
    APL_QUADRANT_KEEP_SATISFIED, APL_QUADRANT_MANAGE_CLOSELY,
    APL_QUADRANT_MONITOR, APL_QUADRANT_KEEP_INFORMED,
  };
  float half_w = plot->size.width / 2, half_h = plot->size.height / 2;
  GdkRGBA line = with_alpha (&palette->fg, 0.25f);
  GdkRGBA label = with_alpha (&palette->fg, 0.7f);
  PangoLayout *layout;
  int text_w, text_h;
  int axis_w = 0;

  /* Axis names, with an arrow pointing towards "more". */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  {
    g_autofree char *text = g_strdup_printf ("%s →", _("Interest"));

    pango_layout_set_text (layout, text, -1);
    pango_layout_get_pixel_size (layout, &axis_w, &text_h);
    draw_text (snapshot, layout, plot->origin.x + plot->size.width - axis_w,
               plot->origin.y + plot->size.height + (MARGIN_BOTTOM - text_h) / 2, &palette->fg);
  }
  {
    g_autofree char *text = g_strdup_printf ("%s →", _("Influence"));

    pango_layout_set_text (layout, text, -1);
    pango_layout_get_pixel_size (layout, &text_w, &text_h);
    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot,
                            &GRAPHENE_POINT_INIT ((MARGIN_LEFT - text_h) / 2,
                                                  plot->origin.y + (plot->size.height + text_w) / 2));
    gtk_snapshot_rotate (snapshot, -90);
    gtk_snapshot_append_layout (snapshot, layout, &palette->fg);
    gtk_snapshot_restore (snapshot);
  }
  g_object_unref (layout);

  for (guint i = 0; i < 4; i++)
    {
      graphene_rect_t cell;
      float x = plot->origin.x + (i % 2) * half_w;
      float y = plot->origin.y + (i / 2) * half_h;
      /* Manage closely, the quadrant that needs most attention, is the
       * most marked. */
      float tint = cells[i] == APL_QUADRANT_MANAGE_CLOSELY ? 0.08f : (i % 3 == 0 ? 0.045f : 0.025f);
      GdkRGBA fill = with_alpha (&palette->fg, tint);
      /* The bottom right name shares its line with the axis name. */
      float room = half_w - 8 - (i == 3 ? axis_w + 8 : 0);

      graphene_rect_init (&cell, x, y, half_w, half_h);
      gtk_snapshot_append_color (snapshot, &fill, &cell);

      if (room < 24)
        continue;
      layout = make_layout (GTK_WIDGET (self), apl_quadrant_get_label (cells[i]), room, TRUE, 1.0);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      draw_text (snapshot, layout, x + 4,
                 i < 2 ? (MARGIN_TOP - text_h) / 2 : plot->origin.y + plot->size.height + (MARGIN_BOTTOM - text_h) / 2,
                 &label);
      g_object_unref (layout);
    }

  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (plot->origin.x + half_w - 0.5f, plot->origin.y, 1, plot->size.height));
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (plot->origin.x, plot->origin.y + half_h - 0.5f, plot->size.width, 1));
}

static void
draw_arrow_head (cairo_t *cr,
                 double   x1,
                 double   y1,
                 double   x2,
                 double   y2)
{
  graphene_vec2_t direction;
  float ux, uy;

  graphene_vec2_init (&direction, x2 - x1, y2 - y1);
  graphene_vec2_normalize (&direction, &direction);
  ux = graphene_vec2_get_x (&direction);
  uy = graphene_vec2_get_y (&direction);

  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - 10 * ux - 4 * uy, y2 - 10 * uy + 4 * ux);
  cairo_line_to (cr, x2 - 10 * ux + 4 * uy, y2 - 10 * uy - 4 * ux);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Moves the end of a line from a card's centre to its edge, so that arrow
 * heads are not hidden under the card. */
static void
clip_to_edge (const graphene_rect_t *rect,
              double                 from_x,
              double                 from_y,
              double                *x,
              double                *y)
{
  double dx = from_x - *x, dy = from_y - *y;
  double tx = dx != 0 ? (rect->size.width / 2) / ABS (dx) : G_MAXDOUBLE;
  double ty = dy != 0 ? (rect->size.height / 2) / ABS (dy) : G_MAXDOUBLE;
  double t = MIN (MIN (tx, ty), 1.0);

  *x += dx * t;
  *y += dy * t;
}

static void
draw_relationships (AplStakeholderMap     *self,
                    GtkSnapshot           *snapshot,
                    GArray                *cards,
                    const graphene_rect_t *bounds,
                    const Palette         *palette,
                    DrawMode               mode)
{
  GdkRGBA color = with_alpha (&palette->fg, 0.5f);
  guint n;
  cairo_t *cr;

  if (!self->show_relationships || self->relationships == NULL)
    return;
  n = g_list_model_get_n_items (self->relationships);
  if (n == 0)
    return;

  /* A cairo node for all the lines at once: one node, not one per line. */
  cr = gtk_snapshot_append_cairo (snapshot, bounds);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 1.5);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplRelationship) relationship = g_list_model_get_item (self->relationships, i);
      Card *from = find_card_for_stakeholder (cards, apl_relationship_get_from (relationship));
      Card *to = find_card_for_stakeholder (cards, apl_relationship_get_to (relationship));
      AplRelationshipKind kind = apl_relationship_get_kind (relationship);
      static const double dash[] = { 6, 4 };
      graphene_rect_t a, b;
      double x1, y1, x2, y2;

      if (from == NULL || to == NULL)
        continue;
      /* During a drag, the lines of the dragged card move with it. */
      if (mode != DRAW_ALL
          && (from->placement == self->dragged || to->placement == self->dragged) != (mode == DRAW_DRAGGED_ONLY))
        continue;

      shown_rect (self, from, &a);
      shown_rect (self, to, &b);
      x1 = a.origin.x + a.size.width / 2;
      y1 = a.origin.y + a.size.height / 2;
      x2 = b.origin.x + b.size.width / 2;
      y2 = b.origin.y + b.size.height / 2;
      clip_to_edge (&b, x1, y1, &x2, &y2);
      clip_to_edge (&a, x2, y2, &x1, &y1);

      /* Influences: solid arrow. Reports to: dashed arrow. Allied with:
       * a double-weight line without direction. */
      cairo_set_dash (cr, dash, kind == APL_RELATIONSHIP_REPORTS_TO ? 2 : 0, 0);
      cairo_set_line_width (cr, kind == APL_RELATIONSHIP_ALLIED_WITH ? 3 : 1.5);
      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, x2, y2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (kind != APL_RELATIONSHIP_ALLIED_WITH)
        draw_arrow_head (cr, x1, y1, x2, y2);
    }

  cairo_destroy (cr);
}

static void
draw_badge (GtkSnapshot       *snapshot,
            const LegendEntry *entry,
            float              x,
            float              y,
            const Palette     *palette)
{
  GdkRGBA outline = with_alpha (&palette->fg, 0.55f);
  GdkRGBA text = with_alpha (&palette->fg, 0.85f);
  float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA colors[4] = { outline, outline, outline, outline };
  GskRoundedRect badge;
  int text_w, text_h;

  gsk_rounded_rect_init_from_rect (&badge, &GRAPHENE_RECT_INIT (x, y, entry->badge_w, BADGE_H), BADGE_H / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &badge);
  gtk_snapshot_append_color (snapshot, &palette->card, &badge.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &badge, widths, colors);
  pango_layout_get_pixel_size (entry->marker_layout, &text_w, &text_h);
  draw_text (snapshot, entry->marker_layout, x + (entry->badge_w - text_w) / 2, y + (BADGE_H - text_h) / 2, &text);
}

static void
draw_legend (GtkSnapshot   *snapshot,
             const Layout  *layout,
             const Palette *palette)
{
  GdkRGBA dim = with_alpha (&palette->fg, 0.75f);

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const LegendEntry *entry = &g_array_index (layout->legend, LegendEntry, i);
      int text_w, text_h;

      draw_badge (snapshot, entry, entry->origin.x, entry->origin.y + (LEGEND_ROW_H - BADGE_H) / 2, palette);
      pango_layout_get_pixel_size (entry->name_layout, &text_w, &text_h);
      draw_text (snapshot, entry->name_layout, entry->origin.x + entry->badge_w + 5,
                 entry->origin.y + (LEGEND_ROW_H - text_h) / 2, &dim);
    }
}

static void
draw_card (AplStakeholderMap *self,
           GtkSnapshot       *snapshot,
           const Layout      *layout,
           const Card        *card,
           const Palette     *palette)
{
  AplAttitude attitude = apl_placement_get_attitude (card->placement);
  int strength = apl_placement_get_strength (card->placement);
  const GdkRGBA *tone = &palette->attitude[CLAMP (attitude, APL_ATTITUDE_CRITIC, APL_ATTITUDE_SUPPORTER)];
  GdkRGBA tint = with_alpha (tone, attitude == APL_ATTITUDE_NEUTRAL ? 0.12f : 0.10f + 0.08f * strength);
  GdkRGBA border_color = with_alpha (tone, 0.8f);
  GdkRGBA dim = with_alpha (&palette->fg, 0.7f);
  float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA colors[4];
  graphene_rect_t rect;
  GskRoundedRect outline;

  shown_rect (self, card, &rect);
  gsk_rounded_rect_init_from_rect (&outline, &rect, CARD_RADIUS);

  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &palette->card, &rect);
  gtk_snapshot_append_color (snapshot, &tint, &rect);
  gtk_snapshot_append_color (snapshot, tone,
                             &GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y, 5, rect.size.height));
  gtk_snapshot_pop (snapshot);

  for (guint i = 0; i < 4; i++)
    colors[i] = border_color;
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);

  /* Strength as one to three dots, for those who cannot tell the tints
   * apart; a neutral stakeholder has none. */
  if (attitude != APL_ATTITUDE_NEUTRAL)
    for (int i = 0; i < strength; i++)
      {
        GskRoundedRect dot;

        gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (rect.origin.x + rect.size.width - 10 - 8 * i,
                                                                     rect.origin.y + 6, 5, 5), 2.5f);
        gtk_snapshot_push_rounded_clip (snapshot, &dot);
        gtk_snapshot_append_color (snapshot, tone, &dot.bounds);
        gtk_snapshot_pop (snapshot);
      }

  draw_text (snapshot, card->name_layout, rect.origin.x + 11, rect.origin.y + 4, &palette->fg);
  draw_text (snapshot, card->group_layout, rect.origin.x + 11, rect.origin.y + 23, &dim);
  if (card->legend_index < layout->legend->len)
    {
      const LegendEntry *entry = &g_array_index (layout->legend, LegendEntry, card->legend_index);

      draw_badge (snapshot, entry, rect.origin.x + rect.size.width - 7 - entry->badge_w,
                  rect.origin.y + rect.size.height - 6 - BADGE_H, palette);
    }

  if (card->placement == self->selected)
    {
      GskRoundedRect ring;
      float ring_widths[4] = { 2, 2, 2, 2 };

      for (guint i = 0; i < 4; i++)
        colors[i] = palette->accent;
      gsk_rounded_rect_init_from_rect (&ring, &rect, CARD_RADIUS + 3);
      gsk_rounded_rect_shrink (&ring, -3, -3, -3, -3);
      gtk_snapshot_append_border (snapshot, &ring, ring_widths, colors);
    }
}

static void
draw_map (AplStakeholderMap *self,
          GtkSnapshot       *snapshot,
          const Layout      *layout,
          DrawMode           mode)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height);
  Palette palette;
  Card *top = NULL;

  get_palette (self, &palette);
  if (mode != DRAW_DRAGGED_ONLY)
    {
      draw_grid (self, snapshot, &layout->plot, &palette);
      draw_legend (snapshot, layout, &palette);
    }
  draw_relationships (self, snapshot, layout->cards, &bounds, &palette, mode);

  /* The selected or dragged card is drawn last, on top of the others. */
  for (guint i = 0; i < layout->cards->len; i++)
    {
      Card *card = &g_array_index (layout->cards, Card, i);

      if (card->placement == self->dragged || (self->dragged == NULL && card->placement == self->selected))
        top = card;
      else if (mode != DRAW_DRAGGED_ONLY)
        draw_card (self, snapshot, layout, card, &palette);
    }
  if (top != NULL && (mode != DRAW_ALL_BUT_DRAGGED || top->placement != self->dragged))
    draw_card (self, snapshot, layout, top, &palette);
}

/* Draws once into a render node that later frames append as it is. */
static GskRenderNode *
record (AplStakeholderMap *self,
        const Layout      *layout,
        DrawMode           mode)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  self->n_recordings++;
  draw_map (self, snapshot, layout, mode);
  return gtk_snapshot_free_to_node (snapshot);
}

/* Accessibility */

/* GTK 4.8 has no accessible children for custom widgets, so the map's own
 * label says which card is selected; it changes with the selection, and a
 * screen reader reads the new name of the focused widget. */
static void
update_accessible (AplStakeholderMap *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->selected != NULL)
    {
      g_autofree char *attitude = apl_attitude_describe (apl_placement_get_attitude (self->selected),
                                                         apl_placement_get_strength (self->selected));

      /* Translators: the stakeholder map's accessible name when a card is
       * selected: name, quadrant, attitude */
      label = g_strdup_printf (_("Stakeholder map: %s, %s, %s"),
                               apl_stakeholder_get_name (apl_placement_get_stakeholder (self->selected)),
                               apl_quadrant_get_label (apl_placement_get_quadrant (self->selected)),
                               attitude);
      description = g_strdup_printf (_("Influence %d, interest %d. Arrow keys select another stakeholder; "
                                       "Shift and an arrow key moves this one."),
                                     apl_placement_get_influence (self->selected),
                                     apl_placement_get_interest (self->selected));
    }
  else
    {
      guint n = self->model ? g_list_model_get_n_items (self->model) : 0;

      label = g_strdup (_("Stakeholder map"));
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u stakeholder. Arrow keys select one.",
                                                  "%u stakeholders. Arrow keys select one.", n),
                                     n);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Callbacks */

static void
placement_notify_cb (AplStakeholderMap *self,
                     GParamSpec        *pspec,
                     AplPlacement      *placement)
{
  invalidate (self);
  if (placement == self->selected)
    update_accessible (self);
}

static void
unwatch_all (AplStakeholderMap *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i), placement_notify_cb, self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
model_changed_cb (AplStakeholderMap *self)
{
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;
  gboolean selected_present = FALSE;

  unwatch_all (self);
  for (guint i = 0; i < n; i++)
    {
      AplPlacement *placement = g_list_model_get_item (self->model, i);

      g_signal_connect_object (placement, "notify", G_CALLBACK (placement_notify_cb), self, G_CONNECT_SWAPPED);
      selected_present |= placement == self->selected;
      g_ptr_array_add (self->watched, placement);
    }

  if (self->selected != NULL && !selected_present)
    apl_stakeholder_map_set_selected (self, NULL);
  if (self->dragged != NULL && !g_ptr_array_find (self->watched, self->dragged, NULL))
    g_clear_object (&self->dragged);

  update_accessible (self);
  invalidate (self);
}

static Card *
card_at (AplStakeholderMap *self,
         double             x,
         double             y)
{
  GArray *cards = get_cards (self);
  Card *selected = self->selected ? find_card (cards, self->selected) : NULL;

  /* The selected card is on top, so it is the one under the pointer. */
  if (selected != NULL && graphene_rect_contains_point (&selected->rect, &GRAPHENE_POINT_INIT (x, y)))
    return selected;

  for (guint i = cards->len; i > 0; i--)
    {
      Card *card = &g_array_index (cards, Card, i - 1);

      if (graphene_rect_contains_point (&card->rect, &GRAPHENE_POINT_INIT (x, y)))
        return card;
    }
  return NULL;
}

static void
save_position (AplStakeholderMap *self,
               AplPlacement      *placement,
               int                influence,
               int                interest)
{
  g_autoptr(GError) error = NULL;

  if (!apl_placement_set_position (placement, influence, interest, &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

static void
drag_begin_cb (AplStakeholderMap *self,
               double             x,
               double             y,
               GtkGestureDrag    *gesture)
{
  Card *card = card_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (card == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  apl_stakeholder_map_set_selected (self, card->placement);
  g_set_object (&self->dragged, card->placement);
  g_clear_pointer (&self->drag_base, gsk_render_node_unref);
  /* The dragged card comes on top: the next frame records the rest. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  self->drag_anchor = card->anchor;
  self->drag_dx = self->drag_dy = 0;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (AplStakeholderMap *self,
                double             dx,
                double             dy,
                GtkGestureDrag    *gesture)
{
  if (self->dragged == NULL)
    return;

  /* Only the dragged card moves: no layout, and the rest of the map is
   * the node recorded at the first frame of the drag. */
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (AplStakeholderMap *self,
             double             dx,
             double             dy,
             GtkGestureDrag    *gesture)
{
  g_autoptr(AplPlacement) placement = g_steal_pointer (&self->dragged);
  int influence, interest;

  self->drag_dx = self->drag_dy = 0;
  if (placement == NULL)
    return;

  /* A click without a move only selects. */
  if (dx == 0 && dy == 0)
    {
      redraw (self);
      return;
    }

  values_for_point (&get_layout (self)->plot, self->drag_anchor.x + dx, self->drag_anchor.y + dy,
                    &influence, &interest);
  save_position (self, placement, influence, interest);
  /* Saved or refused, the card goes where its values now say. */
  invalidate (self);
}

/* Actions */

static int
index_of (AplStakeholderMap *self,
          AplPlacement      *placement)
{
  guint index;

  if (placement != NULL && g_ptr_array_find (self->watched, placement, &index))
    return (int) index;
  return -1;
}

static void
select_index (AplStakeholderMap *self,
              int                index)
{
  if (index >= 0 && index < (int) self->watched->len)
    apl_stakeholder_map_set_selected (self, g_ptr_array_index (self->watched, index));
}

/* Arrow keys: the nearest card in that direction, favouring cards straight
 * ahead over cards far to the side. */
static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplStakeholderMap *self = APL_STAKEHOLDER_MAP (widget);
  GArray *cards = get_cards (self);
  Card *current = self->selected ? find_card (cards, self->selected) : NULL;
  Card *best = NULL;
  double best_score = G_MAXDOUBLE;
  int dir_x, dir_y;

  g_variant_get (parameter, "(ii)", &dir_x, &dir_y);
  if (current == NULL)
    {
      select_index (self, 0);
      return;
    }

  for (guint i = 0; i < cards->len; i++)
    {
      Card *card = &g_array_index (cards, Card, i);
      double dx, dy, along, across;

      if (card == current)
        continue;
      dx = (card->rect.origin.x + card->rect.size.width / 2) - (current->rect.origin.x + current->rect.size.width / 2);
      dy = (card->rect.origin.y + card->rect.size.height / 2) - (current->rect.origin.y + current->rect.size.height / 2);
      along = dx * dir_x + dy * dir_y;
      across = ABS (dx * dir_y) + ABS (dy * dir_x);
      if (along <= 0.5)
        continue;
      if (along + 2 * across < best_score)
        {
          best_score = along + 2 * across;
          best = card;
        }
    }

  if (best != NULL)
    apl_stakeholder_map_set_selected (self, best->placement);
  else
    gtk_widget_error_bell (widget);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AplStakeholderMap *self = APL_STAKEHOLDER_MAP (widget);
  int d_interest, d_influence;

  if (self->selected == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  g_variant_get (parameter, "(ii)", &d_interest, &d_influence);
  save_position (self, self->selected,
                 CLAMP (apl_placement_get_influence (self->selected) + d_influence, APL_PLACEMENT_MIN, APL_PLACEMENT_MAX),
                 CLAMP (apl_placement_get_interest (self->selected) + d_interest, APL_PLACEMENT_MIN, APL_PLACEMENT_MAX));
}

/* Arrow keys select the nearest card that way, Shift and an arrow key moves
 * the selected card by APL_STAKEHOLDER_MAP_KEY_STEP; the keypad's arrows
 * do the same. One key controller rather than class bindings, so that the
 * key press itself (keyval and modifiers) is what the tests send. */
static gboolean
key_pressed_cb (AplStakeholderMap     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkModifierType modifiers = state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK);
  int dx = 0, dy = 0;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = 1;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  /* Screen y grows downwards; influence grows upwards. */
  if (modifiers == 0)
    return gtk_widget_activate_action (GTK_WIDGET (self), "map.select", "(ii)", dx, dy);
  if (modifiers == GDK_SHIFT_MASK)
    return gtk_widget_activate_action (GTK_WIDGET (self), "map.move", "(ii)",
                                       dx * APL_STAKEHOLDER_MAP_KEY_STEP, -dy * APL_STAKEHOLDER_MAP_KEY_STEP);
  /* Ctrl+arrow and the like stay with the window (focus moves). */
  return GDK_EVENT_PROPAGATE;
}

/* GtkWidget */

/* Tab goes through the cards, then on to the next widget: the map is one
 * stop in the window's focus chain with the cards inside it. */
static gboolean
apl_stakeholder_map_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  AplStakeholderMap *self = APL_STAKEHOLDER_MAP (widget);
  int n = (int) self->watched->len;
  int index = index_of (self, self->selected);

  if (!gtk_widget_has_focus (widget))
    {
      gtk_widget_grab_focus (widget);
      if (self->selected == NULL && n > 0)
        select_index (self, direction == GTK_DIR_TAB_BACKWARD ? n - 1 : 0);
      return TRUE;
    }

  if (direction == GTK_DIR_TAB_FORWARD && index + 1 < n)
    {
      select_index (self, index + 1);
      return TRUE;
    }
  if (direction == GTK_DIR_TAB_BACKWARD && index > 0)
    {
      select_index (self, index - 1);
      return TRUE;
    }
  return FALSE;
}

static void
apl_stakeholder_map_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  AplStakeholderMap *self = APL_STAKEHOLDER_MAP (widget);

  /* The window lays its children out again for many reasons; the map only
   * needs a new layout when its own size changed. */
  if (self->layout != NULL && (self->layout->width != width || self->layout->height != height))
    invalidate (self);
}

static void
apl_stakeholder_map_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 300;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 520;
}

static void
apl_stakeholder_map_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  AplStakeholderMap *self = APL_STAKEHOLDER_MAP (widget);
  Layout *layout = get_layout (self);

  if (self->dragged != NULL)
    {
      if (self->drag_base == NULL)
        self->drag_base = record (self, layout, DRAW_ALL_BUT_DRAGGED);
      gtk_snapshot_append_node (snapshot, self->drag_base);
      draw_map (self, snapshot, layout, DRAW_DRAGGED_ONLY);
      return;
    }

  if (self->node == NULL)
    self->node = record (self, layout, DRAW_ALL);
  gtk_snapshot_append_node (snapshot, self->node);
}

static void
style_changed_cb (AplStakeholderMap *self)
{
  /* Fonts and colours may have changed (dark style, larger text). */
  invalidate (self);
}

/* GObject */

static void
apl_stakeholder_map_dispose (GObject *object)
{
  AplStakeholderMap *self = APL_STAKEHOLDER_MAP (object);

  apl_stakeholder_map_set_model (self, NULL);
  apl_stakeholder_map_set_relationships (self, NULL);
  g_clear_object (&self->selected);
  g_clear_object (&self->dragged);
  g_clear_pointer (&self->layout, layout_free);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->drag_base, gsk_render_node_unref);

  G_OBJECT_CLASS (apl_stakeholder_map_parent_class)->dispose (object);
}

static void
apl_stakeholder_map_finalize (GObject *object)
{
  AplStakeholderMap *self = APL_STAKEHOLDER_MAP (object);

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  G_OBJECT_CLASS (apl_stakeholder_map_parent_class)->finalize (object);
}

static void
apl_stakeholder_map_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AplStakeholderMap *self = APL_STAKEHOLDER_MAP (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SHOW_RELATIONSHIPS:
      g_value_set_boolean (value, self->show_relationships);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_stakeholder_map_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AplStakeholderMap *self = APL_STAKEHOLDER_MAP (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      apl_stakeholder_map_set_model (self, g_value_get_object (value));
      break;
    case PROP_SHOW_RELATIONSHIPS:
      apl_stakeholder_map_set_show_relationships (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED:
      apl_stakeholder_map_set_selected (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_stakeholder_map_class_init (AplStakeholderMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_stakeholder_map_dispose;
  object_class->finalize = apl_stakeholder_map_finalize;
  object_class->get_property = apl_stakeholder_map_get_property;
  object_class->set_property = apl_stakeholder_map_set_property;

  widget_class->snapshot = apl_stakeholder_map_snapshot;
  widget_class->measure = apl_stakeholder_map_measure;
  widget_class->size_allocate = apl_stakeholder_map_size_allocate;
  widget_class->focus = apl_stakeholder_map_focus;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_RELATIONSHIPS] =
    g_param_spec_boolean ("show-relationships", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, APL_TYPE_PLACEMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AplStakeholderMap::error:
   * @message: a sentence for the user
   *
   * A move could not be saved; the card goes back to where it was.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "map.select", "(ii)", select_action);
  gtk_widget_class_install_action (widget_class, "map.move", "(ii)", move_action);

  gtk_widget_class_set_css_name (widget_class, "stakeholdermap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
apl_stakeholder_map_init (AplStakeholderMap *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *key;

  self->show_relationships = TRUE;
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

/* Public API */

GtkWidget *
apl_stakeholder_map_new (void)
{
  return g_object_new (APL_TYPE_STAKEHOLDER_MAP, NULL);
}

/**
 * apl_stakeholder_map_get_model:
 *
 * Returns: (transfer none) (nullable): the #AplPlacement list shown
 */
GListModel *
apl_stakeholder_map_get_model (AplStakeholderMap *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_MAP (self), NULL);
  return self->model;
}

void
apl_stakeholder_map_set_model (AplStakeholderMap *self,
                               GListModel        *model)
{
  g_return_if_fail (APL_IS_STAKEHOLDER_MAP (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_changed_cb, self);
  unwatch_all (self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      model_changed_cb (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
    }
}

/**
 * apl_stakeholder_map_set_relationships:
 * @relationships: (nullable): a #GListModel of #AplRelationship; those
 *   between two stakeholders on the map are drawn
 */
void
apl_stakeholder_map_set_relationships (AplStakeholderMap *self,
                                       GListModel        *relationships)
{
  g_return_if_fail (APL_IS_STAKEHOLDER_MAP (self));

  if (self->relationships == relationships)
    return;

  if (self->relationships != NULL)
    g_signal_handlers_disconnect_by_func (self->relationships, redraw, self);
  g_set_object (&self->relationships, relationships);
  if (relationships != NULL)
    g_signal_connect_object (relationships, "items-changed", G_CALLBACK (redraw),
                             self, G_CONNECT_SWAPPED);
  redraw (self);
}

gboolean
apl_stakeholder_map_get_show_relationships (AplStakeholderMap *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_MAP (self), FALSE);
  return self->show_relationships;
}

void
apl_stakeholder_map_set_show_relationships (AplStakeholderMap *self,
                                            gboolean           show)
{
  g_return_if_fail (APL_IS_STAKEHOLDER_MAP (self));

  show = !!show;
  if (self->show_relationships == show)
    return;
  self->show_relationships = show;
  redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_RELATIONSHIPS]);
}

/**
 * apl_stakeholder_map_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected card's placement
 */
AplPlacement *
apl_stakeholder_map_get_selected (AplStakeholderMap *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_MAP (self), NULL);
  return self->selected;
}

void
apl_stakeholder_map_set_selected (AplStakeholderMap *self,
                                  AplPlacement      *placement)
{
  g_return_if_fail (APL_IS_STAKEHOLDER_MAP (self));
  g_return_if_fail (placement == NULL || APL_IS_PLACEMENT (placement));

  if (placement != NULL && index_of (self, placement) < 0)
    placement = NULL;
  if (!g_set_object (&self->selected, placement))
    return;

  update_accessible (self);
  redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * apl_stakeholder_map_get_card_center:
 *
 * Where @placement's card is drawn, in widget coordinates: what a pointer
 * must press to drag it.
 */
gboolean
apl_stakeholder_map_get_card_center (AplStakeholderMap *self,
                                     AplPlacement      *placement,
                                     double            *x,
                                     double            *y)
{
  Card *card;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_MAP (self), FALSE);

  card = find_card (get_cards (self), placement);
  if (card == NULL)
    return FALSE;
  *x = card->rect.origin.x + card->rect.size.width / 2;
  *y = card->rect.origin.y + card->rect.size.height / 2;
  return TRUE;
}

/**
 * apl_stakeholder_map_render:
 *
 * Draws the map at any size, on an opaque background, for export. The
 * selection is not drawn: it belongs on screen, not on a slide.
 *
 * Returns: (transfer full): the render node
 */
GskRenderNode *
apl_stakeholder_map_render (AplStakeholderMap *self,
                            int                width,
                            int                height)
{
  g_autoptr(Layout) layout = NULL;
  g_autoptr(AplPlacement) selected = NULL;
  g_autoptr(AplPlacement) dragged = NULL;
  GtkSnapshot *snapshot;
  Palette palette;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_MAP (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  selected = g_steal_pointer (&self->selected);
  dragged = g_steal_pointer (&self->dragged);
  layout = compute_layout (self, width, height);
  get_palette (self, &palette);

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &palette.bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_map (self, snapshot, layout, DRAW_ALL);
  self->selected = g_steal_pointer (&selected);
  self->dragged = g_steal_pointer (&dragged);

  return gtk_snapshot_free_to_node (snapshot);
}

/**
 * apl_stakeholder_map_export_png:
 *
 * Writes the map as a @width × @height PNG image.
 */
gboolean
apl_stakeholder_map_export_png (AplStakeholderMap  *self,
                                const char         *path,
                                int                 width,
                                int                 height,
                                GError            **error)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gboolean saved;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_MAP (self), FALSE);

  node = apl_stakeholder_map_render (self, width, height);
  /* The software renderer needs no window, so export works the same with
   * the map on screen or not. */
  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, error))
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  saved = gdk_texture_save_to_png (texture, path);
  if (!saved)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The image “%s” could not be written. Check that the folder exists and that you may write to it."),
                   name);
    }
  return saved;
}

/**
 * apl_stakeholder_map_export_svg:
 *
 * Writes the map as a @width × @height SVG drawing, drawn from the same
 * render nodes as the screen and the PNG.
 */
gboolean
apl_stakeholder_map_export_svg (AplStakeholderMap  *self,
                                const char         *path,
                                int                 width,
                                int                 height,
                                GError            **error)
{
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_MAP (self), FALSE);

  node = apl_stakeholder_map_render (self, width, height);
  surface = cairo_svg_surface_create (path, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The drawing “%s” could not be written. Check that the folder exists and that you may write to it."),
                   name);
      return FALSE;
    }
  return TRUE;
}

/**
 * apl_stakeholder_map_get_plot:
 * @plot: (out): the grid, in widget coordinates
 *
 * Where values 0-100 are drawn: interest left to right, influence bottom to
 * top. Below it, the quadrant names and the legend of group badges.
 */
void
apl_stakeholder_map_get_plot (AplStakeholderMap *self,
                              graphene_rect_t   *plot)
{
  g_return_if_fail (APL_IS_STAKEHOLDER_MAP (self));
  *plot = get_layout (self)->plot;
}

/**
 * apl_stakeholder_map_group_marker:
 * @group_name: a group's name, in the user's language
 *
 * The initials on a card's group badge: the first letters of the first two
 * words that count ("Partners and suppliers" gives "PS", "Local
 * communities" "LC"), or the first two letters of a one-word name ("Media"
 * gives "Me"). Short lower-case words ("and", "of", "et") do not count.
 *
 * Returns: (transfer full): one or two characters
 */
char *
apl_stakeholder_map_group_marker (const char *group_name)
{
  g_auto(GStrv) words = NULL;
  GString *marker = g_string_new (NULL);
  guint counted = 0;
  const char *first = NULL;

  if (group_name == NULL || !g_utf8_validate (group_name, -1, NULL))
    group_name = "";
  words = g_strsplit_set (group_name, " \t-/,&", -1);

  for (guint i = 0; words[i] != NULL && counted < 2; i++)
    {
      gunichar c = g_utf8_get_char (words[i]);

      if (*words[i] == '\0')
        continue;
      if (first == NULL)
        first = words[i];
      if (counted > 0 && !g_unichar_isupper (c) && g_utf8_strlen (words[i], -1) <= 3)
        continue;
      g_string_append_unichar (marker, g_unichar_toupper (c));
      counted++;
    }

  if (counted == 1 && first != NULL && g_utf8_strlen (first, -1) > 1)
    g_string_append_unichar (marker, g_utf8_get_char (g_utf8_next_char (first)));
  if (marker->len == 0)
    g_string_append_c (marker, '?');
  return g_string_free (marker, FALSE);
}

/* For the tests and the benchmark. */

guint
_apl_stakeholder_map_get_layout_count (AplStakeholderMap *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_MAP (self), 0);
  return self->n_layouts;
}

guint
_apl_stakeholder_map_get_recording_count (AplStakeholderMap *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_MAP (self), 0);
  return self->n_recordings;
}
