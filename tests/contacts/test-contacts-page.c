/* test-contacts-page.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contacts page driven as a user would: typing a search, sorting by a
 * column header, editing in the detail panel, deleting and undoing,
 * reviewing stale contacts.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "apl-contact-import-dialog.h"
#include "apl-contact-log-group.h"
#include "apl-contacts-page.h"
#include "apl-outlet-popover.h"

#define WAIT_SECONDS 5

typedef struct
{
  char            *dir;
  AplStore        *store;
  AplContactBook  *book;
  GtkWindow       *window;
  AplContactsPage *page;
  AplContactList  *list;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, tick_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return met;
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A few hundred realistic contacts, some stale, some do-not-contact. */
static void
fill_book (Fixture *fixture,
           guint    n)
{
  static const char * const given[] = { "Marie", "Jean", "Zoë", "Hélène", "Paul", "Chloé", "Amir", "Sarah", "Léa", "Tom", "Nadia", "Hugo" };
  static const char * const family[] = { "Lefèvre", "Dupont", "Martin", "O’Brien", "Nguyen", "Da Silva", "Müller", "Smith", "Bernard", "Roux", "Okafor", "Moreau" };
  static const char * const outlets[] = { "Le Monde", "Ouest-France", "France Info", "BBC", "Les Échos", "Libération", "TF1", "Reuters", "Mediapart", "Le Figaro" };
  static const char * const beats[] = { "santé", "énergie, climat", "économie", "sport", "politique", "tech, numérique", "justice" };
  static const char * const kinds[] = { "journalist", "journalist", "editor", "columnist", "influencer", "producer", "podcaster" };
  static const char * const relations[] = { "cold", "warm", "trusted", "warm" };
  GRand *rand = g_rand_new_with_seed (11);
  GString *csv = g_string_new ("Name,Kind,Outlet,Beats,Relationship,Last verified,Do not contact,Email\n");
  g_autofree char *path = g_build_filename (fixture->dir, "seed.csv", NULL);
  g_autoptr(GError) error = NULL;
  AplContactImportReport report;

  for (guint i = 0; i < n; i++)
    {
      /* One in four not verified for longer than the six months. */
      int days = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 200, 900) : g_rand_int_range (rand, 0, 150);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) verified = g_date_time_add_days (now, -days);
      g_autofree char *date = g_date_time_format (verified, "%Y-%m-%d");

      g_string_append_printf (csv, "%s %s,%s,%s,\"%s\",%s,%s,%s,c%u@example.org\n",
                              given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))],
                              family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))],
                              kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))],
                              outlets[g_rand_int_range (rand, 0, G_N_ELEMENTS (outlets))],
                              beats[g_rand_int_range (rand, 0, G_N_ELEMENTS (beats))],
                              relations[g_rand_int_range (rand, 0, G_N_ELEMENTS (relations))],
                              date,
                              i % 40 == 7 ? "yes" : "", i);
    }
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_book_import_file (fixture->book, path, NULL, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  apl_contact_import_report_clear (&report);
  g_string_free (csv, TRUE);
  g_rand_free (rand);
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 400;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AplContact) marie = NULL;

  fixture->dir = g_dir_make_tmp ("aplomb-contacts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->store = apl_store_open (path, &error);
  g_assert_no_error (error);
  fixture->book = apl_contact_book_get (fixture->store, &error);
  g_assert_no_error (error);
  fill_book (fixture, GPOINTER_TO_UINT (data));
  marie = apl_contact_book_create (fixture->book, "Marie Lefèvre", &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_set_field (marie, APL_CONTACT_FIELD_OUTLET, "Le Monde", &error));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 800);
  fixture->page = g_object_new (APL_TYPE_CONTACTS_PAGE, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  apl_contacts_page_set_store (fixture->page, fixture->store);
  apl_contacts_page_set_plan (fixture->page, NULL);
  fixture->list = apl_contacts_page_get_list (fixture->page);
  gtk_window_present (fixture->window);
  g_assert_true (wait_for (is_drawn, fixture->page));
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  settle ();
  apl_store_close (fixture->store);
  g_object_unref (fixture->store);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
}

typedef struct
{
  Fixture *fixture;
  guint    n;
} Count;

static gboolean
has_count (gpointer data)
{
  Count *count = data;

  return n_shown (count->fixture) == count->n;
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* Not inside pop-ups: a drop-down keeps a search entry of its own. */
      if (GTK_IS_POPOVER (child) && !G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (title == NULL
              || (ADW_IS_PREFERENCES_ROW (child)
                  && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)))
        return child;
      found = find_widget (child, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Tests */

static void
test_search_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY, NULL);
  guint all = n_shown (fixture);
  Count count = { fixture, 1 };
  g_autoptr(AplContact) first = NULL;

  g_assert_nonnull (entry);
  g_assert_cmpuint (all, >, 100);

  /* Typed without its accent, as people do. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "marie lefev");
  {
    g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
    gint64 expected;

    filter->search = g_strdup ("marie lefev");
    expected = apl_contact_book_count (fixture->book, filter, NULL);
    g_assert_cmpint (expected, >=, 1);
    g_assert_cmpint (expected, <, all);
    count.n = (guint) expected;
    g_assert_true (wait_for (has_count, &count));
  }
  first = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
  g_assert_nonnull (strstr (apl_contact_get_name (first), "Lef"));

  /* An unknown word empties the list; clearing the search restores it. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zzzqqq");
  count.n = 0;
  g_assert_true (wait_for (has_count, &count));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  count.n = all;
  g_assert_true (wait_for (has_count, &count));
}

static void
test_sort_by_header (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkColumnView *view = apl_contacts_page_get_column_view (fixture->page);
  g_autoptr(GtkColumnViewColumn) outlet = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
  g_autoptr(GtkColumnViewColumn) name = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  guint n = n_shown (fixture);

  gtk_column_view_sort_by_column (view, outlet, GTK_SORT_DESCENDING);
  settle ();
  g_assert_cmpint (apl_contact_list_get_sort (fixture->list), ==, APL_CONTACT_SORT_OUTLET);
  g_assert_true (apl_contact_list_get_descending (fixture->list));
  {
    g_autoptr(AplContact) top = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
    g_autoptr(AplContact) bottom = g_list_model_get_item (G_LIST_MODEL (fixture->list), n - 1);

    g_assert_cmpstr (apl_contact_get_outlet (top), ==, "TF1");
    g_assert_cmpstr (apl_contact_get_outlet (bottom), ==, "BBC");
  }

  gtk_column_view_sort_by_column (view, name, GTK_SORT_ASCENDING);
  settle ();
  g_assert_cmpint (apl_contact_list_get_sort (fixture->list), ==, APL_CONTACT_SORT_NAME);
  g_assert_false (apl_contact_list_get_descending (fixture->list));
  g_assert_cmpuint (n_shown (fixture), ==, n);
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  guint n = n_shown (fixture);
  g_autoptr(AplContact) chosen = NULL;
  g_autoptr(AplContact) selected = NULL;
  gint64 id;

  apl_contacts_page_select (fixture->page, 3);
  chosen = apl_contacts_page_get_selected (fixture->page);
  g_assert_nonnull (chosen);
  id = apl_contact_get_id (chosen);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.delete", NULL));
  settle ();
  g_assert_cmpuint (n_shown (fixture), ==, n - 1);
  g_assert_cmpuint (apl_contact_list_find (fixture->list, id), ==, G_MAXUINT);

  /* The toast's Undo button runs this action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.undo-delete", NULL));
  settle ();
  g_assert_cmpuint (n_shown (fixture), ==, n);
  g_assert_cmpuint (apl_contact_list_find (fixture->list, id), ==, 3);
  selected = apl_contacts_page_get_selected (fixture->page);
  g_assert_true (selected == chosen);
}

static void
test_detail_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AplContact) contact = NULL;
  GtkWidget *outlet_row;
  GtkWidget *emails_row;
  guint position;

  /* Nothing has id 0; the panel follows the selection. */
  position = apl_contact_list_find (fixture->list, 0);
  g_assert_cmpuint (position, ==, G_MAXUINT);
  apl_contacts_page_select (fixture->page, 1);
  contact = apl_contacts_page_get_selected (fixture->page);
  settle ();

  outlet_row = find_widget (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, "Outlet");
  emails_row = find_widget (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, "E-mails");
  g_assert_nonnull (outlet_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (outlet_row)), ==, apl_contact_get_outlet (contact));

  gtk_editable_set_text (GTK_EDITABLE (outlet_row), "Courrier International");
  g_signal_emit_by_name (outlet_row, "apply");
  g_assert_cmpstr (apl_contact_get_outlet (contact), ==, "Courrier International");

  /* A wrong address is refused: the row keeps the text, marked. */
  gtk_editable_set_text (GTK_EDITABLE (emails_row), "not an address");
  g_signal_emit_by_name (emails_row, "apply");
  g_assert_true (gtk_widget_has_css_class (emails_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (emails_row)), ==, "not an address");
  g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_EMAILS), !=, "not an address");

  gtk_editable_set_text (GTK_EDITABLE (emails_row), "a@example.org; b@example.org");
  g_signal_emit_by_name (emails_row, "apply");
  g_assert_false (gtk_widget_has_css_class (emails_row, "error"));
  g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_EMAILS), ==, "a@example.org\nb@example.org");
}

static void
test_review_stale (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AplContactFilter) stale = apl_contact_filter_new ();
  gint64 before;

  stale->stale_only = TRUE;
  before = apl_contact_book_count (fixture->book, stale, NULL);
  g_assert_cmpint (before, >, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.review-stale", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.still-right", NULL));
  g_assert_cmpint (apl_contact_book_count (fixture->book, stale, NULL), ==, before - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.review-skip", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.still-right", NULL));
  g_assert_cmpint (apl_contact_book_count (fixture->book, stale, NULL), ==, before - 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.review-stop", NULL));
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *out = g_getenv ("APLOMB_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->window));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (g_strcmp0 (g_getenv ("APLOMB_SCREENSHOT_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  apl_contacts_page_select (fixture->page, 2);
  settle ();
  g_usleep (300000);
  settle ();

  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  if (out != NULL && *out != '\0')
    g_assert_true (gdk_texture_save_to_png (texture, out));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Saves @window as it is drawn to $APLOMB_SCREENSHOT_<name>, when set. */
static void
save_window (GtkWindow  *window,
             const char *name)
{
  g_autofree char *variable = g_strconcat ("APLOMB_SCREENSHOT_", name, NULL);
  const char *out = g_getenv (variable);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (out == NULL || *out == '\0')
    return;
  settle ();
  g_usleep (300000);
  settle ();
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, out));
}

static gboolean
is_counted (gpointer data)
{
  return apl_contact_import_dialog_is_counted (APL_CONTACT_IMPORT_DIALOG (data));
}

typedef struct
{
  AplContactBook *book;
  gint64          expected;
} CountWait;

static gboolean
has_book_count (gpointer data)
{
  CountWait *wait = data;

  return apl_contact_book_count (wait->book, NULL, NULL) == wait->expected;
}

static gboolean
label_has (GtkWidget  *widget,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL
          && gtk_widget_get_mapped (child))
        return TRUE;
      if (label_has (child, text))
        return TRUE;
    }
  return FALSE;
}

/* A CSV file whose e-mail column has a name nobody guesses: the user maps
 * it in the dialog, sees it in the preview and the counts, and imports. */
static void
test_import_mapping (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "mapping.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(AplContact) imported = NULL;
  const AplContactImportReport *counts;
  CountWait wait = { fixture->book, 0 };
  GtkWindow *dialog;
  const int *columns;
  guint n_columns = 0;

  g_file_set_contents (path,
                       "Nom complet;Journal;Adresse de contact;Remarques\n"
                       "Inès Moreau;Le Monde;ines@lemonde.example;Appeler le matin\n"
                       "Karim Benali;France Info;karim@franceinfo.example;\n"
                       "Lucie Fabre;Le Monde;lucie@lemonde.example;Pigiste\n",
                       -1, &error);
  g_assert_no_error (error);
  wait.expected = apl_contact_book_count (fixture->book, NULL, NULL) + 3;

  dialog = apl_contacts_page_import_file (fixture->page, path);
  g_assert_nonnull (dialog);
  g_assert_true (wait_for (is_counted, dialog));
  counts = apl_contact_import_dialog_get_counts (APL_CONTACT_IMPORT_DIALOG (dialog));
  g_assert_cmpuint (counts->created, ==, 3);

  /* Guessed from the French headers; the third column is not. */
  columns = apl_contact_import_dialog_get_columns (APL_CONTACT_IMPORT_DIALOG (dialog), &n_columns);
  g_assert_cmpuint (n_columns, ==, 4);
  g_assert_cmpint (columns[0], ==, APL_CONTACT_FIELD_NAME);
  g_assert_cmpint (columns[1], ==, APL_CONTACT_FIELD_OUTLET);
  g_assert_cmpint (columns[2], ==, APL_CONTACT_COLUMN_IGNORE);
  g_assert_cmpint (columns[3], ==, APL_CONTACT_FIELD_NOTES);
  settle ();
  g_assert_true (label_has (GTK_WIDGET (dialog), "Inès Moreau"));
  g_assert_false (label_has (GTK_WIDGET (dialog), "Le Monde · ines@lemonde.example"));

  apl_contact_import_dialog_set_column (APL_CONTACT_IMPORT_DIALOG (dialog), 2, APL_CONTACT_FIELD_EMAILS);
  columns = apl_contact_import_dialog_get_columns (APL_CONTACT_IMPORT_DIALOG (dialog), &n_columns);
  g_assert_cmpint (columns[2], ==, APL_CONTACT_FIELD_EMAILS);
  settle ();
  g_assert_true (label_has (GTK_WIDGET (dialog), "Le Monde · ines@lemonde.example"));
  g_assert_true (wait_for (is_counted, dialog));

  save_window (dialog, "MAPPING");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import-dialog.import", NULL));
  g_assert_true (wait_for (has_book_count, &wait));

  filter->search = g_strdup ("ines@lemonde");
  ids = apl_contact_book_query (fixture->book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  imported = apl_contact_book_find (fixture->book, g_array_index (ids, gint64, 0), &error);
  g_assert_cmpstr (apl_contact_get_field (imported, APL_CONTACT_FIELD_NOTES), ==, "Appeler le matin");
}

static const char *
dropdown_text (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* Segments from the search, from the selection, renamed, added to,
 * deleted and brought back with Undo: each shows in the drop-down and in
 * what the list shows. */
static void
test_segments (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkDropDown *dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_DROP_DOWN, NULL));
  g_autoptr(AplContactSegment) vip = NULL;
  g_autoptr(AplContactSegment) monde = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  guint all = n_shown (fixture);
  Count count = { fixture, 0 };
  guint le_monde;

  g_assert_nonnull (dropdown);
  g_assert_cmpstr (dropdown_text (dropdown), ==, "All Contacts");

  /* A filter-defined segment from what is typed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "le monde");
  {
    g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();

    filter->search = g_strdup ("le monde");
    le_monde = (guint) apl_contact_book_count (fixture->book, filter, NULL);
  }
  count.n = le_monde;
  g_assert_true (wait_for (has_count, &count));
  g_assert_cmpuint (le_monde, >, 1);
  g_assert_cmpuint (le_monde, <, all);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.segment-from-filter", "s",
                                             "Le Monde people"));
  settle ();
  g_assert_cmpstr (dropdown_text (dropdown), ==, "Le Monde people");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  count.n = le_monde;
  g_assert_true (wait_for (has_count, &count));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.rename-segment", "s", "Monde"));
  settle ();
  g_assert_cmpstr (dropdown_text (dropdown), ==, "Monde");
  monde = apl_contact_book_find_segment (fixture->book, "monde", &error);
  g_assert_no_error (error);
  g_assert_nonnull (monde->filter);

  /* A hand-picked one from the selection, then one more contact. */
  gtk_drop_down_set_selected (dropdown, 0);
  count.n = all;
  g_assert_true (wait_for (has_count, &count));
  apl_contacts_page_select (fixture->page, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.segment-from-selection", "s",
                                             "VIP"));
  settle ();
  g_assert_cmpstr (dropdown_text (dropdown), ==, "VIP");
  count.n = 1;
  g_assert_true (wait_for (has_count, &count));
  vip = apl_contact_book_find_segment (fixture->book, "VIP", &error);
  g_assert_no_error (error);
  g_assert_null (vip->filter);

  gtk_drop_down_set_selected (dropdown, 0);
  settle ();
  apl_contacts_page_select (fixture->page, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.add-to-segment", "x", vip->id));
  gtk_drop_down_set_selected (dropdown, 2);
  settle ();
  g_assert_cmpstr (dropdown_text (dropdown), ==, "VIP");
  count.n = 2;
  g_assert_true (wait_for (has_count, &count));

  /* Deleted, then back with its two members. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.delete-segment", NULL));
  settle ();
  g_assert_cmpstr (dropdown_text (dropdown), ==, "All Contacts");
  segments = apl_contact_book_list_segments (fixture->book, &error);
  g_assert_cmpuint (segments->len, ==, 1);
  g_clear_pointer (&segments, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.undo-delete-segment", NULL));
  settle ();
  g_assert_cmpstr (dropdown_text (dropdown), ==, "VIP");
  count.n = 2;
  g_assert_true (wait_for (has_count, &count));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if ((GTK_IS_BUTTON (child) || GTK_IS_MENU_BUTTON (child))
          && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      found = find_button (child, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Logging what was said to the selected contact moves its "last
 * contacted"; a deleted entry comes back with Undo; the outlet's details
 * are edited from the same panel, a bad reach refused and marked. */
static void
test_log_and_outlet (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *group = find_widget (GTK_WIDGET (fixture->page), APL_TYPE_CONTACT_LOG_GROUP, NULL);
  g_autoptr(AplContact) contact = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(AplContactOutlet) outlet = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *summary, *channel, *date, *outlet_button, *popover, *reach;

  g_assert_nonnull (group);
  apl_contacts_page_select (fixture->page, 0);
  settle ();
  contact = apl_contacts_page_get_selected (fixture->page);
  g_assert_nonnull (contact);
  g_assert_cmpuint (apl_contact_log_group_get_n_entries (APL_CONTACT_LOG_GROUP (group)), ==, 0);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_widget (group, ADW_TYPE_EXPANDER_ROW, NULL)), TRUE);
  settle ();
  date = find_widget (group, ADW_TYPE_ENTRY_ROW, "Date");
  channel = find_widget (group, ADW_TYPE_ENTRY_ROW, "Channel (phone, e-mail, meeting…)");
  summary = find_widget (group, ADW_TYPE_ENTRY_ROW, "What Was Said");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, today);
  gtk_editable_set_text (GTK_EDITABLE (channel), "Phone");
  gtk_editable_set_text (GTK_EDITABLE (summary), "Briefed on the product recall");
  g_signal_emit_by_name (find_button (group, "Add this interaction to the contact’s log"), "clicked");
  settle ();
  g_assert_cmpuint (apl_contact_log_group_get_n_entries (APL_CONTACT_LOG_GROUP (group)), ==, 1);
  g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_LAST_CONTACTED), ==, today);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (summary)), ==, "");

  /* Nothing said: refused, the field marked. */
  g_signal_emit_by_name (find_button (group, "Add this interaction to the contact’s log"), "clicked");
  g_assert_true (gtk_widget_has_css_class (summary, "error"));
  g_assert_cmpuint (apl_contact_log_group_get_n_entries (APL_CONTACT_LOG_GROUP (group)), ==, 1);

  g_signal_emit_by_name (find_button (group, "Delete this entry of the log"), "clicked");
  settle ();
  g_assert_cmpuint (apl_contact_log_group_get_n_entries (APL_CONTACT_LOG_GROUP (group)), ==, 0);
  g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_LAST_CONTACTED), ==, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.undo-delete-interaction", NULL));
  settle ();
  g_assert_cmpuint (apl_contact_log_group_get_n_entries (APL_CONTACT_LOG_GROUP (group)), ==, 1);
  g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_LAST_CONTACTED), ==, today);

  /* The outlet, from the button on its row. */
  outlet_button = find_button (GTK_WIDGET (fixture->page), "The outlet’s type, reach and region");
  g_assert_nonnull (outlet_button);
  g_assert_true (gtk_widget_get_sensitive (outlet_button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (outlet_button));
  settle ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (outlet_button)));
  reach = find_widget (popover, GTK_TYPE_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (reach), "lots");
  g_assert_false (apl_outlet_popover_save (APL_OUTLET_POPOVER (popover)));
  g_assert_true (gtk_widget_has_css_class (reach, "error"));
  gtk_editable_set_text (GTK_EDITABLE (reach), "1.2M");
  g_assert_true (apl_outlet_popover_save (APL_OUTLET_POPOVER (popover)));
  g_assert_false (gtk_widget_has_css_class (reach, "error"));
  outlet = apl_contact_book_find_outlet (fixture->book, apl_contact_get_outlet (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlet->reach, ==, 1200000);
  gtk_popover_popdown (GTK_POPOVER (popover));
  save_window (fixture->window, "DETAIL");
}

static void
add_test (const char   *path,
          guint         n_contacts,
          void        (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, GUINT_TO_POINTER (n_contacts), fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (the GUI tests run under Xvfb)\n");
      return 0;
    }

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  add_test ("/contacts-page/search-filters", 300, test_search_filters);
  add_test ("/contacts-page/sort-by-header", 300, test_sort_by_header);
  add_test ("/contacts-page/delete-undo", 50, test_delete_undo);
  add_test ("/contacts-page/detail-edit", 20, test_detail_edit);
  add_test ("/contacts-page/review-stale", 50, test_review_stale);
  add_test ("/contacts-page/import-mapping", 50, test_import_mapping);
  add_test ("/contacts-page/segments", 120, test_segments);
  add_test ("/contacts-page/log-and-outlet", 20, test_log_and_outlet);
  add_test ("/contacts-page/screenshot", 400, test_screenshot);

  return g_test_run ();
}
