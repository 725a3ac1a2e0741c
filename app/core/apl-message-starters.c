/* apl-message-starters.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starter templates, so that a new plan is never a blank page. Written for
 * Aplomb in English and French, following crisis-communication practice:
 * acknowledge what happened, express concern for the people affected, say
 * what is known (and only that), what is being done, and when the next
 * update comes. Text in [brackets] is for the writer to replace with facts;
 * {{placeholders}} are filled from the plan.
 *
 * The texts are content in two languages, not interface strings, so they
 * are not translated through gettext: a French plan gets the French text
 * whatever the desktop's language.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-messages.h"

typedef struct
{
  const char *key;
  const char *language;
  const char *channel;
  const char *phase;
  const char *title;
  const char *subject;
  const char *body;
} Starter;

static const Starter starters[] = {
  { "holding", "en", "website", "holding-statement",
    "Holding statement",
    "Statement from {{organisation}} on {{incident}}",
    "{{date}}, {{time}}\n"
    "\n"
    "We are aware of {{incident}} and we are treating it with the utmost seriousness.\n"
    "\n"
    "Our first thoughts are with the people affected and their families. We understand how worrying this is.\n"
    "\n"
    "What we know: we are still establishing the facts and will not speculate. We will share confirmed information as soon as we have it.\n"
    "\n"
    "What we are doing: our teams are working with the relevant authorities and emergency services, and we have activated our crisis procedures.\n"
    "\n"
    "We will give our next update by {{next_update}} on {{website}}.\n"
    "\n"
    "Media enquiries: {{spokesperson}}, {{hotline}}." },
  { "holding", "fr", "website", "holding-statement",
    "Déclaration d'attente",
    "Déclaration de {{organisation}} concernant {{incident}}",
    "{{date}}, {{time}}\n"
    "\n"
    "Nous avons été informés d'un incident : {{incident}}. Nous le traitons avec le plus grand sérieux.\n"
    "\n"
    "Nos premières pensées vont aux personnes touchées et à leurs proches. Nous mesurons l'inquiétude que cette situation suscite.\n"
    "\n"
    "Ce que nous savons : nous sommes en train d'établir les faits et nous ne ferons aucune spéculation. Nous communiquerons les informations confirmées dès que nous les aurons.\n"
    "\n"
    "Ce que nous faisons : nos équipes travaillent avec les autorités compétentes et les services de secours, et nous avons activé notre dispositif de crise.\n"
    "\n"
    "Nous ferons un nouveau point d'ici {{next_update}} sur {{website}}.\n"
    "\n"
    "Contact presse : {{spokesperson}}, {{hotline}}." },
  { "first-update", "en", "press-release", "first-update",
    "First update",
    "{{organisation}}: update on {{incident}}",
    "{{organisation}} today gives a first update on {{incident}}.\n"
    "\n"
    "What has happened: [confirmed facts only: what, where, when, how many people are affected].\n"
    "\n"
    "Our concern: the safety and well-being of the people affected come first. We are sorry for the worry and disruption this is causing.\n"
    "\n"
    "What we are doing: [actions taken since the first statement, and who we are working with].\n"
    "\n"
    "What people should do: [practical advice, and where to find help].\n"
    "\n"
    "Our next update will follow by {{next_update}}. The latest information is on {{website}}.\n"
    "\n"
    "Media contact: {{spokesperson}}, {{hotline}}." },
  { "first-update", "fr", "press-release", "first-update",
    "Premier point de situation",
    "{{organisation}} : point de situation concernant {{incident}}",
    "{{organisation}} fait aujourd'hui un premier point de situation concernant {{incident}}.\n"
    "\n"
    "Ce qui s'est passé : [faits confirmés uniquement : quoi, où, quand, combien de personnes sont concernées].\n"
    "\n"
    "Notre préoccupation : la sécurité et le bien-être des personnes concernées passent avant tout. Nous regrettons l'inquiétude et la gêne occasionnées.\n"
    "\n"
    "Ce que nous faisons : [actions engagées depuis la première déclaration, et partenaires mobilisés].\n"
    "\n"
    "Ce que nous recommandons : [conseils pratiques, et où trouver de l'aide].\n"
    "\n"
    "Le prochain point sera fait d'ici {{next_update}}. Les dernières informations sont sur {{website}}.\n"
    "\n"
    "Contact presse : {{spokesperson}}, {{hotline}}." },
  { "employee-note", "en", "intranet", "internal-briefing",
    "Employee note",
    "What we know about {{incident}}",
    "Dear colleagues,\n"
    "\n"
    "You may have heard about {{incident}}. We want you to hear about it from us first.\n"
    "\n"
    "What we know: [confirmed facts only].\n"
    "What we are doing: [actions taken, and who leads the response].\n"
    "What we ask of you: please do not comment on social media or speak to journalists; refer every media enquiry to {{spokesperson}} ({{hotline}}). If customers ask you, point them to {{website}}.\n"
    "\n"
    "We know this is a difficult moment. Your manager is there for any question or concern.\n"
    "\n"
    "We will update you again by {{next_update}}.\n"
    "\n"
    "The {{organisation}} crisis team" },
  { "employee-note", "fr", "intranet", "internal-briefing",
    "Note au personnel",
    "Ce que nous savons concernant {{incident}}",
    "Chères collègues, chers collègues,\n"
    "\n"
    "Vous avez peut-être entendu parler de la situation en cours : {{incident}}. Nous tenons à ce que vous l'appreniez d'abord par nous.\n"
    "\n"
    "Ce que nous savons : [faits confirmés uniquement].\n"
    "Ce que nous faisons : [actions engagées, et qui pilote la réponse].\n"
    "Ce que nous vous demandons : merci de ne pas vous exprimer sur les réseaux sociaux ni auprès des journalistes ; orientez toute demande des médias vers {{spokesperson}} ({{hotline}}). Si des clients vous interrogent, invitez-les à consulter {{website}}.\n"
    "\n"
    "Nous savons que ce moment est difficile. Votre responsable est à votre écoute pour toute question ou inquiétude.\n"
    "\n"
    "Nous reviendrons vers vous d'ici {{next_update}}.\n"
    "\n"
    "La cellule de crise de {{organisation}}" },
  { "customer-email", "en", "email", "first-update",
    "Customer e-mail",
    "Important information about {{incident}}",
    "Dear customer,\n"
    "\n"
    "We are writing to tell you about {{incident}}, and what it means for you.\n"
    "\n"
    "We are sorry for the concern this may cause. Your safety and your trust matter to us.\n"
    "\n"
    "What we know: [confirmed facts that matter to customers].\n"
    "What we are doing: [actions taken].\n"
    "What you can do: [practical steps, if any].\n"
    "\n"
    "We will write to you again by {{next_update}}. The latest information is on {{website}}.\n"
    "\n"
    "Kind regards,\n"
    "{{organisation}}" },
  { "customer-email", "fr", "email", "first-update",
    "E-mail aux clients",
    "Information importante concernant {{incident}}",
    "Madame, Monsieur,\n"
    "\n"
    "Nous souhaitons vous informer d'un incident, et de ce qu'il signifie pour vous : {{incident}}.\n"
    "\n"
    "Nous sommes désolés de l'inquiétude que cette situation peut vous causer. Votre sécurité et votre confiance comptent pour nous.\n"
    "\n"
    "Ce que nous savons : [faits confirmés utiles aux clients].\n"
    "Ce que nous faisons : [actions engagées].\n"
    "Ce que vous pouvez faire : [démarches pratiques, le cas échéant].\n"
    "\n"
    "Nous vous écrirons à nouveau d'ici {{next_update}}. Les dernières informations sont sur {{website}}.\n"
    "\n"
    "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.\n"
    "{{organisation}}" },
  { "social-post", "en", "x", "holding-statement",
    "Social media post",
    "",
    "We are aware of {{incident}}. Our thoughts are with those affected. Our teams are working with the authorities and we will share confirmed facts as soon as we have them. Next update by {{next_update}}: {{website}}" },
  { "social-post", "fr", "x", "holding-statement",
    "Message pour les réseaux sociaux",
    "",
    "Nous avons connaissance d'un incident : {{incident}}. Nos pensées vont aux personnes touchées. Nos équipes travaillent avec les autorités. Faits confirmés dès que possible ; prochain point d'ici {{next_update}} sur {{website}}" },
  { "qa-sheet", "en", "qa-sheet", "holding-statement",
    "Q&A sheet",
    "",
    "Internal – for spokespeople. Give confirmed answers only; never speculate.\n"
    "\n"
    "Q: What happened?\n"
    "A: We are dealing with {{incident}}. We are still establishing the full facts. [Add confirmed facts.]\n"
    "\n"
    "Q: Is anyone hurt? Is the public at risk?\n"
    "A: [Confirmed information only. If it is not known: \"We are working to establish this and will share it as soon as we can.\"]\n"
    "\n"
    "Q: What are you doing about it?\n"
    "A: We have activated our crisis procedures and are working with the relevant authorities. [Add actions.]\n"
    "\n"
    "Q: Who is responsible?\n"
    "A: Our priority now is the people affected. We will look at the causes once the situation is under control.\n"
    "\n"
    "Q: What should people do?\n"
    "A: [Practical advice.] The latest information is on {{website}}.\n"
    "\n"
    "Q: When will you say more?\n"
    "A: Our next update will be by {{next_update}}.\n"
    "\n"
    "Spokesperson: {{spokesperson}}, press line {{hotline}}" },
  { "qa-sheet", "fr", "qa-sheet", "holding-statement",
    "Questions-réponses",
    "",
    "Interne – pour les porte-parole. Réponses confirmées uniquement ; ne jamais spéculer.\n"
    "\n"
    "Q : Que s'est-il passé ?\n"
    "R : Un incident est en cours : {{incident}}. Nous sommes en train d'établir l'ensemble des faits. [Ajouter les faits confirmés.]\n"
    "\n"
    "Q : Y a-t-il des blessés ? Le public est-il en danger ?\n"
    "R : [Informations confirmées uniquement. Sinon : « Nous travaillons à l'établir et le communiquerons dès que possible. »]\n"
    "\n"
    "Q : Que faites-vous ?\n"
    "R : Nous avons activé notre dispositif de crise et travaillons avec les autorités compétentes. [Ajouter les actions.]\n"
    "\n"
    "Q : Qui est responsable ?\n"
    "R : Notre priorité, ce sont les personnes touchées. Nous examinerons les causes une fois la situation maîtrisée.\n"
    "\n"
    "Q : Que doivent faire les gens ?\n"
    "R : [Conseils pratiques.] Les dernières informations sont sur {{website}}.\n"
    "\n"
    "Q : Quand en direz-vous plus ?\n"
    "R : Notre prochain point sera fait d'ici {{next_update}}.\n"
    "\n"
    "Porte-parole : {{spokesperson}}, ligne presse {{hotline}}" },
};

static const char * const default_languages[] = { "en", "fr", NULL };

static AplMessage *
find_message (GListModel *messages,
              const char *title,
              const char *language)
{
  guint n = g_list_model_get_n_items (messages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);

      if (g_strcmp0 (apl_message_get_title (message), title) == 0
          && (language == NULL || g_strcmp0 (apl_message_get_language (message), language) == 0))
        return message;
    }
  return NULL;
}

/* A starter already in the plan in another language lends its variant
 * group, so that adding French later links to the English ones. */
static const char *
find_group (GListModel    *messages,
            const Starter *starter)
{
  for (guint i = 0; i < G_N_ELEMENTS (starters); i++)
    {
      AplMessage *message;

      if (!g_str_equal (starters[i].key, starter->key))
        continue;
      message = find_message (messages, starters[i].title, starters[i].language);
      if (message != NULL)
        return apl_message_get_variant_group (message);
    }
  return NULL;
}

static gboolean
wanted (const char * const *languages,
        const char         *language)
{
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_str_equal (languages[i], language))
      return TRUE;
  return FALSE;
}

/**
 * apl_store_add_starter_messages:
 * @languages: (nullable) (array zero-terminated=1): the languages to add
 *   them in ("en", "fr"); %NULL for both
 * @author: who adds them, for the version history
 *
 * Adds the starter templates (holding statement, first update, employee
 * note, customer e-mail, social post, Q&A sheet) to the plan, each language
 * linked as a variant of the others. Starters the plan already has (same
 * title and language) are not added twice. Each message is its own
 * transaction, like any other edit; on an error the ones added stay.
 *
 * Returns: how many messages were added, or 0 with @error set
 */
guint
apl_store_add_starter_messages (AplStore            *self,
                                AplPlan             *plan,
                                const char * const  *languages,
                                const char          *author,
                                GError             **error)
{
  GListModel *messages;
  guint added = 0;

  g_return_val_if_fail (APL_IS_STORE (self), 0);
  g_return_val_if_fail (APL_IS_PLAN (plan), 0);

  if (languages == NULL)
    languages = default_languages;

  messages = apl_store_get_messages (self, plan, error);
  if (messages == NULL)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (starters); i++)
    {
      const Starter *starter = &starters[i];
      const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
      g_autoptr(AplMessage) message = NULL;

      if (!wanted (languages, starter->language)
          || find_message (messages, starter->title, starter->language) != NULL)
        continue;

      fields[APL_MESSAGE_FIELD_TITLE] = starter->title;
      fields[APL_MESSAGE_FIELD_SCENARIO] = apl_plan_get_title (plan);
      fields[APL_MESSAGE_FIELD_PHASE] = starter->phase;
      fields[APL_MESSAGE_FIELD_CHANNEL] = starter->channel;
      fields[APL_MESSAGE_FIELD_LANGUAGE] = starter->language;
      fields[APL_MESSAGE_FIELD_SUBJECT] = starter->subject;
      fields[APL_MESSAGE_FIELD_BODY] = starter->body;

      message = apl_store_add_message (self, plan, fields, find_group (messages, starter), author, error);
      if (message == NULL)
        return 0;
      added++;
    }

  return added;
}

/**
 * apl_sample_plan_add_messages:
 *
 * Gives the sample plan its messages and the facts they need, so that a
 * first-time user sees a holding statement filled in, in two languages,
 * with one value still to give ({{next_update}}).
 */
gboolean
apl_sample_plan_add_messages (AplStore  *store,
                              AplPlan   *plan,
                              GError   **error)
{
  const struct { const char *name; const char *language; const char *value; } values[] = {
    { "incident", "en", "a bacterial contamination of the drinking water in the Riverside district" },
    { "incident", "fr", "une contamination bactérienne de l’eau potable dans le quartier de Riverside" },
    { "spokesperson", "", "Alex Morgan" },
    { "hotline", "", "+44 20 7946 0000" },
    { "website", "", "www.riverside-water.example" },
  };
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (!apl_store_set_placeholder_value (store, plan, values[i].name, values[i].language,
                                          values[i].value, error))
      return FALSE;

  /* Translators: the author of the sample plan's messages in their history */
  if (apl_store_add_starter_messages (store, plan, NULL, _("Aplomb sample"), &local_error) == 0
      && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
