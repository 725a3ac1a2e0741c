/* bench-gui.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder map's layout and snapshot for the plan with the most
 * cards, against a floor that draws the same cards (a rectangle and two
 * lines of text each) straight into a GtkSnapshot, without placing them:
 *
 *   bench-gui map --workspace WS [--rounds R] [--count N]
 *
 * Needs a display (Xvfb). Prints {"aplomb": [ms...], "floor": [ms...],
 * "cards": N}.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "apl-stakeholder-map.h"
#include "apl-stakeholder-register.h"
#include "apl-store.h"

#define MAP_WIDTH  1200
#define MAP_HEIGHT 800

static char *opt_workspace;
static int opt_rounds = 5;
static int opt_count = 10;

static const GOptionEntry entries[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &opt_workspace, "Workspace file", "FILE" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Rounds, Aplomb and floor taking turns", "N" },
  { "count", 0, 0, G_OPTION_ARG_INT, &opt_count, "Renders per round", "N" },
  { NULL }
};

G_GNUC_NORETURN static void
die (const char *what,
     const char *message)
{
  g_printerr ("bench-gui: %s: %s\n", what, message);
  exit (1);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
print_samples (const char *key,
               GArray     *samples)
{
  g_print ("\"%s\": [", key);
  for (guint i = 0; i < samples->len; i++)
    g_print ("%s%.6f", i ? ", " : "", g_array_index (samples, double, i));
  g_print ("]");
}

/* The floor: every card as a filled rectangle with its name in bold and
 * its group below, in a grid, with no search for a free spot. */
static GskRenderNode *
draw_floor (GtkWidget  *widget,
            GListModel *placements)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  guint n = g_list_model_get_n_items (placements);
  GdkRGBA bg = { 1, 1, 1, 1 }, card = { 0.95, 0.95, 0.95, 1 }, fg = { 0, 0, 0, 0.8 };

  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, MAP_WIDTH, MAP_HEIGHT));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplPlacement) placement = g_list_model_get_item (placements, i);
      AplStakeholder *stakeholder = apl_placement_get_stakeholder (placement);
      float x = (float) (apl_placement_get_interest (placement) * (MAP_WIDTH - 160) / 100);
      float y = (float) ((100 - apl_placement_get_influence (placement)) * (MAP_HEIGHT - 48) / 100);
      PangoLayout *name = gtk_widget_create_pango_layout (widget, apl_stakeholder_get_name (stakeholder));
      PangoLayout *group = gtk_widget_create_pango_layout (widget, apl_stakeholder_get_group_name (stakeholder));
      PangoAttrList *bold = pango_attr_list_new ();

      pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (name, bold);
      pango_attr_list_unref (bold);
      pango_layout_set_width (name, 140 * PANGO_SCALE);
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (group, 140 * PANGO_SCALE);
      pango_layout_set_ellipsize (group, PANGO_ELLIPSIZE_END);

      gtk_snapshot_append_color (snapshot, &card, &GRAPHENE_RECT_INIT (x, y, 160, 48));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 8, y + 6));
      gtk_snapshot_append_layout (snapshot, name, &fg);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, 20));
      gtk_snapshot_append_layout (snapshot, group, &fg);
      gtk_snapshot_restore (snapshot);
      g_object_unref (name);
      g_object_unref (group);
    }
  return gtk_snapshot_free_to_node (snapshot);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("map");
  g_autoptr(GError) error = NULL;
  g_autoptr(AplStore) store = NULL;
  g_autoptr(GArray) aplomb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ = g_array_new (FALSE, FALSE, sizeof (double));
  AplStakeholderRegister *reg;
  AplPlacementList *busiest = NULL;
  GListModel *plans;
  GtkWidget *window, *map, *plain;
  guint most = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2
      || !g_str_equal (argv[1], "map") || opt_workspace == NULL || opt_rounds < 1 || opt_count < 1)
    {
      g_printerr ("usage: bench-gui map --workspace FILE [--rounds N] [--count N]\n");
      return 2;
    }
  if (!gtk_init_check ())
    die ("gtk", "no display");
  adw_init ();

  store = apl_store_open (opt_workspace, &error);
  if (store == NULL)
    die (opt_workspace, error->message);
  reg = apl_stakeholder_register_get (store, &error);
  if (reg == NULL)
    die ("stakeholders", error->message);

  plans = apl_store_get_plans (store);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(AplPlan) plan = g_list_model_get_item (plans, i);
      AplPlacementList *list = apl_stakeholder_register_get_placements (reg, plan, &error);

      if (list == NULL)
        die ("placements", error->message);
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) > most)
        {
          most = g_list_model_get_n_items (G_LIST_MODEL (list));
          busiest = list;
        }
    }
  if (busiest == NULL)
    die (opt_workspace, "no plan has stakeholders on its map");

  /* In a window, as in the app, so that styles and fonts are resolved. */
  window = gtk_window_new ();
  map = apl_stakeholder_map_new ();
  plain = gtk_label_new (NULL);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    gtk_box_append (GTK_BOX (box), map);
    gtk_box_append (GTK_BOX (box), plain);
    gtk_window_set_child (GTK_WINDOW (window), box);
  }
  apl_stakeholder_map_set_model (APL_STAKEHOLDER_MAP (map), G_LIST_MODEL (busiest));
  apl_stakeholder_map_set_relationships (APL_STAKEHOLDER_MAP (map), apl_stakeholder_register_get_relationships (reg));

  for (int round = 0; round < opt_rounds; round++)
    {
      for (int i = 0; i < opt_count; i++)
        {
          double t0 = now_ms (), t1;
          GskRenderNode *node = apl_stakeholder_map_render (APL_STAKEHOLDER_MAP (map), MAP_WIDTH, MAP_HEIGHT);

          t1 = now_ms ();
          gsk_render_node_unref (node);
          g_array_append_val (aplomb, (double) { t1 - t0 });
        }
      for (int i = 0; i < opt_count; i++)
        {
          double t0 = now_ms (), t1;
          GskRenderNode *node = draw_floor (plain, G_LIST_MODEL (busiest));

          t1 = now_ms ();
          gsk_render_node_unref (node);
          g_array_append_val (floor_, (double) { t1 - t0 });
        }
    }

  g_print ("{");
  print_samples ("aplomb", aplomb);
  g_print (", ");
  print_samples ("floor", floor_);
  g_print (", \"cards\": %u}\n", most);

  gtk_window_destroy (GTK_WINDOW (window));
  apl_store_close (store);
  return 0;
}
