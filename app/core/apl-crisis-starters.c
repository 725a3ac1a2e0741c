/* apl-crisis-starters.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starter content for crisis plans, written for Aplomb in English and
 * French: for each kind of scenario, a description, early-warning signals,
 * escalation triggers and what happens at each level, the crisis-cell
 * roles with their responsibilities, a RACI grid of key tasks, a checklist
 * per level, and the questions journalists ask with answer skeletons.
 *
 * It follows common crisis-communication practice: a cell with one leader
 * and one voice, a holding statement within the hour, people before
 * property, say only what is confirmed, own the problem, give the time of
 * the next update and keep to it, tell employees no later than the public.
 * Text in [brackets] is for the plan's author to replace with facts.
 *
 * Like the message starters, this is content in two languages, not
 * interface text: a French plan gets the French content whatever the
 * desktop's language. The user adapts all of it.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-crisis-private.h"
#include "apl-messages.h"

/* [0] English, [1] French */
typedef struct
{
  const char *text[2];
} Pair;

#define ROLE_BIT(kind) (1u << (kind))
#define CORE_ROLES (ROLE_BIT (APL_ROLE_CRISIS_LEAD) | ROLE_BIT (APL_ROLE_SPOKESPERSON) \
                    | ROLE_BIT (APL_ROLE_COMMS_LEAD) | ROLE_BIT (APL_ROLE_LEGAL) \
                    | ROLE_BIT (APL_ROLE_SOCIAL_MEDIA) | ROLE_BIT (APL_ROLE_CUSTOMER_SERVICE) \
                    | ROLE_BIT (APL_ROLE_HR))

typedef struct
{
  AplLevel     level;
  AplRoleKind  role;
  int          minutes;
  Pair         action;
} Step;

typedef struct
{
  Pair question;
  Pair answer;
} Question;

typedef struct
{
  AplScenarioKind  kind;
  int              likelihood;
  int              impact;
  guint            roles;
  Pair             title;
  Pair             plan_title;
  Pair             description;
  Pair             signals;
  Pair             triggers[APL_N_LEVELS];
  Pair             actions[APL_N_LEVELS];
  Step             steps[3];
  Question         questions[2];
} Scenario;

/* Roles */

static const Pair role_responsibilities[APL_ROLE_CUSTOM] = {
  [APL_ROLE_CRISIS_LEAD] = { {
    "Activates the crisis cell and decides the escalation level. Sets priorities, signs off every public statement, and is the one person accountable for the response.",
    "Active la cellule de crise et décide du niveau d'escalade. Fixe les priorités, valide chaque déclaration publique et répond seul de la conduite de la crise." } },
  [APL_ROLE_SPOKESPERSON] = { {
    "The one voice of the organisation: gives interviews and press conferences, only with approved messages. Trained and rehearsed before any crisis.",
    "La voix unique de l'organisation : donne les interviews et conférences de presse, uniquement avec les messages validés. Formé et entraîné avant toute crise." } },
  [APL_ROLE_COMMS_LEAD] = { {
    "Writes and adapts statements, keeps the message consistent across channels, keeps the timeline and the list of questions received, plans the next update.",
    "Rédige et adapte les déclarations, assure la cohérence des messages sur tous les canaux, tient la chronologie et la liste des questions reçues, planifie le prochain point." } },
  [APL_ROLE_LEGAL] = { {
    "Reviews statements quickly (within the hour) for liability and legal duties, handles notifications to regulators and authorities, advises on what can be said.",
    "Relit rapidement les déclarations (dans l'heure) sous l'angle de la responsabilité et des obligations légales, gère les notifications aux autorités et régulateurs, conseille sur ce qui peut être dit." } },
  [APL_ROLE_IT_SECURITY] = { {
    "Establishes the technical facts, contains the incident, gives the cell confirmed information in plain language and realistic recovery times.",
    "Établit les faits techniques, contient l'incident, fournit à la cellule des informations confirmées en langage clair et des délais de rétablissement réalistes." } },
  [APL_ROLE_HR] = { {
    "Looks after employees and their families, prepares internal messages with the comms lead, handles questions about staff involved.",
    "Prend soin des salariés et de leurs proches, prépare les messages internes avec le responsable communication, traite les questions concernant le personnel impliqué." } },
  [APL_ROLE_CUSTOMER_SERVICE] = { {
    "Briefs the hotline and front-line staff with the approved script and Q&A, reports what customers ask and feel, escalates urgent cases.",
    "Informe la hotline et le personnel d'accueil avec le script et les questions-réponses validés, remonte ce que demandent et ressentent les clients, escalade les cas urgents." } },
  [APL_ROLE_SOCIAL_MEDIA] = { {
    "Monitors social media and the press around the clock, pauses scheduled posts, publishes approved updates, answers or redirects comments, flags rumours.",
    "Surveille les réseaux sociaux et la presse en continu, suspend les publications programmées, publie les mises à jour validées, répond ou réoriente les commentaires, signale les rumeurs." } },
  [APL_ROLE_OPERATIONS] = { {
    "Runs the operational response on site (safety, production, logistics) and feeds the cell with confirmed facts and times.",
    "Conduit la réponse opérationnelle sur le terrain (sécurité, production, logistique) et transmet à la cellule des faits et horaires confirmés." } },
  [APL_ROLE_RISK_COMPLIANCE] = { {
    "Assesses the risk to people, the organisation and its obligations, tracks regulatory deadlines, keeps the decision log for the after-action review.",
    "Évalue les risques pour les personnes, l'organisation et ses obligations, suit les délais réglementaires, tient le registre des décisions pour le retour d'expérience." } },
};

/* Checklist steps every scenario has. */
static const Step common_steps[] = {
  { APL_LEVEL_WATCH, APL_ROLE_SOCIAL_MEDIA, 60,
    { { "Log the signal: what, where, who saw it, when; keep monitoring at least every hour",
        "Consigner le signal : quoi, où, qui l'a vu, quand ; poursuivre la veille au moins toutes les heures" } } },
  { APL_LEVEL_WATCH, APL_ROLE_COMMS_LEAD, 120,
    { { "Brief the crisis lead and check the holding statement is ready to adapt",
        "Informer le responsable de crise et vérifier que la déclaration d'attente est prête à adapter" } } },
  { APL_LEVEL_ALERT, APL_ROLE_CRISIS_LEAD, 30,
    { { "Convene the crisis cell (call or video) and confirm who is on duty and their deputies",
        "Réunir la cellule de crise (téléphone ou visio) et confirmer qui est d'astreinte, avec les suppléants" } } },
  { APL_LEVEL_ALERT, APL_ROLE_COMMS_LEAD, 60,
    { { "Adapt the holding statement and have it approved, ready to publish",
        "Adapter la déclaration d'attente et la faire valider, prête à publier" } } },
  { APL_LEVEL_ALERT, APL_ROLE_SOCIAL_MEDIA, 30,
    { { "Pause scheduled posts and advertising; step up monitoring of social media and the press",
        "Suspendre les publications programmées et la publicité ; renforcer la veille des réseaux sociaux et de la presse" } } },
  { APL_LEVEL_CRISIS, APL_ROLE_CRISIS_LEAD, 15,
    { { "Activate the crisis cell and open the log of facts, decisions and times",
        "Activer la cellule de crise et ouvrir le registre des faits, décisions et horaires" } } },
  { APL_LEVEL_CRISIS, APL_ROLE_SPOKESPERSON, 60,
    { { "Holding statement out within 1 hour on the website and social accounts",
        "Déclaration d'attente publiée dans l'heure sur le site et les comptes sociaux" } } },
  { APL_LEVEL_CRISIS, APL_ROLE_HR, 90,
    { { "Brief employees before or at the same time as the public",
        "Informer les salariés avant le public, ou en même temps" } } },
  { APL_LEVEL_CRISIS, APL_ROLE_CUSTOMER_SERVICE, 120,
    { { "Give the hotline and front-line staff the approved script and Q&A",
        "Donner à la hotline et au personnel d'accueil le script et les questions-réponses validés" } } },
  { APL_LEVEL_CRISIS, APL_ROLE_COMMS_LEAD, 240,
    { { "First update with confirmed facts; announce the time of the next update and keep to it",
        "Premier point de situation avec les faits confirmés ; annoncer l'heure du prochain point et s'y tenir" } } },
};

/* The questions journalists ask in every crisis. */
static const Question common_questions[] = {
  { { { "What happened?", "Que s'est-il passé ?" } },
    { { "At [time] on [date], [confirmed facts only]. We are still establishing the full picture and will not speculate. We will share what we learn by [time of next update].",
        "Le [date] à [heure], [faits confirmés uniquement]. Nous établissons encore l'ensemble des faits et ne ferons aucune spéculation. Nous partagerons ce que nous apprendrons d'ici [heure du prochain point]." } } },
  { { { "Who is affected, and how many people?", "Qui est touché, et combien de personnes ?" } },
    { { "As far as we know, [who and how many]. Our first concern is their safety and well-being; if you think you are affected, [where to get help].",
        "À notre connaissance, [qui et combien]. Notre première préoccupation est leur sécurité et leur bien-être ; si vous pensez être concerné, [où trouver de l'aide]." } } },
  { { { "What are you doing about it?", "Que faites-vous ?" } },
    { { "We activated our crisis plan at [time]. [Concrete actions taken and who we are working with]. We will keep doing [next actions].",
        "Nous avons activé notre plan de crise à [heure]. [Actions concrètes engagées et partenaires mobilisés]. Nous allons poursuivre avec [prochaines actions]." } } },
  { { { "Who is to blame?", "Qui est responsable ?" } },
    { { "Our priority now is the people affected and putting things right. We take responsibility for our part and will look into the causes thoroughly, with [independent party / authorities], and share the findings.",
        "Notre priorité est aujourd'hui les personnes touchées et le retour à la normale. Nous assumons notre part de responsabilité et examinerons les causes en profondeur, avec [tiers indépendant / autorités], puis en communiquerons les conclusions." } } },
  { { { "When will it be fixed?", "Quand la situation sera-t-elle rétablie ?" } },
    { { "We do not want to give a time we cannot keep. Our current estimate is [estimate, with its conditions]. We will give our next update at [time].",
        "Nous ne voulons pas annoncer un délai que nous ne pourrions pas tenir. Notre estimation actuelle est [estimation et conditions]. Nous ferons un nouveau point à [heure]." } } },
  { { { "Did you know this could happen? Could it have been prevented?", "Saviez-vous que cela pouvait arriver ? Aurait-on pu l'éviter ?" } },
    { { "[What was known and what was in place]. We will review what happened, what we could have done better, and say publicly what we change.",
        "[Ce qui était connu et ce qui était en place]. Nous examinerons ce qui s'est passé et ce que nous aurions pu mieux faire, et nous dirons publiquement ce que nous changeons." } } },
  { { { "What should people do now?", "Que doivent faire les gens maintenant ?" } },
    { { "[Practical advice in one or two sentences]. The latest information is on [website]; our hotline [number] is open [hours].",
        "[Conseils pratiques en une ou deux phrases]. Les dernières informations sont sur [site web] ; notre ligne d'information [numéro] est ouverte [horaires]." } } },
};

/* Key tasks for the RACI grid: one accountable role per task. Indexed by
 * AplRoleKind: lead, spokesperson, comms, legal, IT, HR, customer service,
 * social media, operations, risk. */
#define RR APL_RACI_RESPONSIBLE
#define AA APL_RACI_ACCOUNTABLE
#define CC APL_RACI_CONSULTED
#define II APL_RACI_INFORMED
#define NO APL_RACI_NONE
static const struct { Pair name; AplRaci raci[APL_ROLE_CUSTOM]; } common_tasks[] = {
  { { { "Decide the escalation level", "Décider du niveau d'escalade" } },       { AA, II, CC, CC, CC, II, II, II, CC, CC } },
  { { { "Approve public statements", "Valider les déclarations publiques" } },  { AA, CC, RR, CC, CC, NO, II, II, NO, CC } },
  { { { "Speak to the media", "S'exprimer auprès des médias" } },               { AA, RR, CC, CC, NO, NO, NO, II, NO, NO } },
  { { { "Publish on owned channels", "Publier sur les canaux propres" } },      { II, NO, AA, NO, NO, NO, II, RR, NO, NO } },
  { { { "Inform employees", "Informer les salariés" } },                       { AA, NO, CC, CC, NO, RR, II, NO, II, NO } },
  { { { "Answer customers", "Répondre aux clients" } },                        { II, NO, AA, NO, NO, NO, RR, CC, NO, NO } },
  { { { "Notify authorities and regulators", "Notifier les autorités et régulateurs" } }, { AA, NO, II, RR, CC, NO, NO, NO, CC, CC } },
};
#undef RR
#undef AA
#undef CC
#undef II
#undef NO

static const struct { AplOwnedChannelKind kind; Pair name; } common_channels[] = {
  { APL_OWNED_CHANNEL_WEBSITE, { { "Website news page", "Page actualités du site web" } } },
  { APL_OWNED_CHANNEL_SOCIAL_ACCOUNT, { { "Corporate social-media accounts", "Comptes sociaux de l'entreprise" } } },
  { APL_OWNED_CHANNEL_INTRANET, { { "Intranet", "Intranet" } } },
  { APL_OWNED_CHANNEL_HOTLINE, { { "Customer hotline", "Ligne d'information clients" } } },
};

/* Scenarios */

static const Scenario scenarios[APL_N_SCENARIO_KINDS] = {
  { APL_SCENARIO_KIND_CYBER_ATTACK, 4, 5, CORE_ROLES | ROLE_BIT (APL_ROLE_IT_SECURITY) | ROLE_BIT (APL_ROLE_RISK_COMPLIANCE),
    { { "Cyber-attack", "Cyberattaque" } },
    { { "Crisis plan: cyber-attack", "Plan de crise : cyberattaque" } },
    { { "Ransomware or another attack takes down systems, locks data or disrupts services for customers and staff.",
        "Un rançongiciel ou une autre attaque paralyse des systèmes, bloque des données ou perturbe les services pour les clients et les salariés." } },
    { { "Unusual logins or security alerts from IT\nStaff reporting locked files or ransom notes\nClaims of an attack on forums or social media\nCustomers unable to log in",
        "Connexions inhabituelles ou alertes de sécurité de l'informatique\nSalariés signalant des fichiers bloqués ou des demandes de rançon\nRevendication d'une attaque sur des forums ou réseaux sociaux\nClients ne pouvant plus se connecter" } },
    { { { "Security alert under investigation, no confirmed impact", "Alerte de sécurité en cours d'analyse, sans impact confirmé" } },
      { { "Attack confirmed on internal systems, or public claim of an attack", "Attaque confirmée sur des systèmes internes, ou revendication publique" } },
      { { "Customer-facing services down, data possibly taken, or media asking", "Services clients interrompus, données possiblement dérobées, ou questions de la presse" } } },
    { { { "IT investigates; comms reviews the holding statement; no public message", "L'informatique analyse ; la communication relit la déclaration d'attente ; pas de message public" } },
      { { "Crisis cell convened; legal checks notification duties; staff told what to do and not to do", "Cellule de crise réunie ; le juridique vérifie les obligations de notification ; consignes aux salariés" } },
      { { "Holding statement within the hour; regular updates; authorities notified; customers told what to do", "Déclaration d'attente dans l'heure ; points réguliers ; autorités notifiées ; consignes aux clients" } } },
    { { APL_LEVEL_ALERT, APL_ROLE_IT_SECURITY, 60,
        { { "Switch the cell to out-of-band channels (phones, a separate messaging app): email may be compromised",
            "Basculer la cellule sur des moyens de secours (téléphones, messagerie séparée) : la messagerie peut être compromise" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_LEGAL, 1440,
        { { "Assess the duty to report to the authorities (data protection authority, national cyber agency) and report",
            "Évaluer l'obligation de déclaration (autorité de protection des données, agence nationale de cybersécurité) et déclarer" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_IT_SECURITY, 180,
        { { "Give the cell a plain-language status: what is down, what is safe, realistic recovery times",
            "Donner à la cellule un état en langage clair : ce qui est arrêté, ce qui est sûr, des délais réalistes" } } } },
    { { { { "Did you pay the ransom?", "Avez-vous payé la rançon ?" } },
        { { "[Our position on ransom, agreed with the authorities]. We are working with [national cyber agency / police] and our priority is to restore services safely.",
            "[Notre position sur la rançon, arrêtée avec les autorités]. Nous travaillons avec [agence nationale / police] et notre priorité est de rétablir les services en toute sécurité." } } },
      { { { "Was customer data stolen?", "Des données clients ont-elles été volées ?" } },
        { { "We do not know yet / [what is confirmed]. If data was taken, we will tell the people concerned directly and say what they should do.",
            "Nous ne le savons pas encore / [ce qui est confirmé]. Si des données ont été prises, nous préviendrons directement les personnes concernées et leur dirons quoi faire." } } } } },

  { APL_SCENARIO_KIND_DATA_BREACH, 3, 4, CORE_ROLES | ROLE_BIT (APL_ROLE_IT_SECURITY) | ROLE_BIT (APL_ROLE_RISK_COMPLIANCE),
    { { "Data breach", "Fuite de données" } },
    { { "Crisis plan: data breach", "Plan de crise : fuite de données" } },
    { { "Personal or confidential data is exposed, stolen or published, by an attack, an error or an insider.",
        "Des données personnelles ou confidentielles sont exposées, volées ou publiées, par une attaque, une erreur ou une personne interne." } },
    { { "Data offered for sale or posted online\nA researcher or journalist reporting an exposed database\nCustomers reporting phishing that uses their account details\nEmail sent to the wrong list",
        "Données mises en vente ou publiées en ligne\nUn chercheur ou un journaliste signalant une base exposée\nDes clients signalant un hameçonnage utilisant leurs données\nCourriel envoyé à la mauvaise liste" } },
    { { { "Report of possible exposure, not yet confirmed", "Signalement d'une exposition possible, non confirmée" } },
      { { "Exposure confirmed, extent unknown", "Exposition confirmée, étendue inconnue" } },
      { { "Data of many people confirmed exposed, or the breach is public", "Données de nombreuses personnes exposées, ou fuite rendue publique" } } },
    { { { "IT and the data protection officer verify; the statutory clock is checked", "L'informatique et le délégué à la protection des données vérifient ; le délai légal est vérifié" } },
      { { "Crisis cell convened; notification to the authority prepared; messages to affected people drafted", "Cellule réunie ; notification à l'autorité préparée ; messages aux personnes concernées rédigés" } },
      { { "Authority notified within the legal deadline; people affected told directly, with advice; public statement", "Autorité notifiée dans le délai légal ; personnes concernées prévenues directement, avec des conseils ; déclaration publique" } } },
    { { APL_LEVEL_ALERT, APL_ROLE_LEGAL, 240,
        { { "Start the legal clock: note when the breach became known (72 hours to notify under the GDPR)",
            "Démarrer le décompte légal : noter l'heure de connaissance de la fuite (72 heures pour notifier selon le RGPD)" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_CUSTOMER_SERVICE, 1440,
        { { "Write to the people affected: what data, what risk, what to do (change passwords, watch for phishing)",
            "Écrire aux personnes concernées : quelles données, quel risque, que faire (changer de mot de passe, se méfier de l'hameçonnage)" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_LEGAL, 4320,
        { { "Notify the data protection authority within 72 hours of becoming aware",
            "Notifier l'autorité de protection des données dans les 72 heures suivant la découverte" } } } },
    { { { { "What data exactly, and how many people?", "Quelles données exactement, et combien de personnes ?" } },
        { { "[Categories of data] of [number] people. [No payment data / passwords were involved — only if confirmed].",
            "[Catégories de données] de [nombre] personnes. [Aucune donnée bancaire ni mot de passe n'est concerné — seulement si c'est confirmé]." } } },
      { { { "Have you told the authorities?", "Avez-vous prévenu les autorités ?" } },
        { { "We notified [authority] on [date], as the law requires, and we are cooperating fully.",
            "Nous avons notifié [autorité] le [date], comme la loi l'exige, et nous coopérons pleinement." } } } } },

  { APL_SCENARIO_KIND_PRODUCT_RECALL, 2, 5, CORE_ROLES | ROLE_BIT (APL_ROLE_OPERATIONS) | ROLE_BIT (APL_ROLE_RISK_COMPLIANCE),
    { { "Product recall", "Rappel de produit" } },
    { { "Crisis plan: product recall", "Plan de crise : rappel de produit" } },
    { { "A product already sold may be unsafe (contamination, defect, wrong labelling) and must be withdrawn and recalled.",
        "Un produit déjà vendu peut être dangereux (contamination, défaut, erreur d'étiquetage) et doit être retiré et rappelé." } },
    { { "Quality control results out of range\nCustomer complaints about injuries, illness or a defect\nAlert from a supplier or a regulator\nPosts with photos of a faulty product",
        "Résultats de contrôle qualité hors normes\nRéclamations clients pour blessure, malaise ou défaut\nAlerte d'un fournisseur ou d'un régulateur\nPublications avec photos d'un produit défectueux" } },
    { { { "Isolated complaint or test result under investigation", "Réclamation isolée ou résultat d'analyse en cours d'examen" } },
      { { "Risk confirmed for one or more batches", "Risque confirmé pour un ou plusieurs lots" } },
      { { "Recall decided, injuries reported, or regulator involved", "Rappel décidé, blessés signalés, ou régulateur impliqué" } } },
    { { { "Quality investigates; affected batches identified; stock held", "La qualité enquête ; lots concernés identifiés ; stocks bloqués" } },
      { { "Crisis cell convened; regulator contacted; recall notice and retailer messages drafted", "Cellule réunie ; régulateur contacté ; avis de rappel et messages aux distributeurs rédigés" } },
      { { "Recall notice published with batch numbers; retailers told to withdraw; hotline open; regular updates", "Avis de rappel publié avec les numéros de lot ; retrait chez les distributeurs ; hotline ouverte ; points réguliers" } } },
    { { APL_LEVEL_ALERT, APL_ROLE_OPERATIONS, 120,
        { { "Identify affected batches, dates and where they were sold; block remaining stock",
            "Identifier les lots, dates et lieux de vente concernés ; bloquer le stock restant" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_COMMS_LEAD, 180,
        { { "Publish the recall notice with photos, batch numbers and what to do (stop using, return, refund)",
            "Publier l'avis de rappel avec photos, numéros de lot et conduite à tenir (ne plus utiliser, rapporter, rembourser)" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_CUSTOMER_SERVICE, 180,
        { { "Open the recall hotline and refund process",
            "Ouvrir la ligne dédiée au rappel et la procédure de remboursement" } } } },
    { { { { "How do I know if my product is affected?", "Comment savoir si mon produit est concerné ?" } },
        { { "Check the [batch number / date] on [where on the pack]. Affected products are [list]; all others are safe to use.",
            "Vérifiez le [numéro de lot / date] sur [emplacement sur l'emballage]. Les produits concernés sont [liste] ; tous les autres peuvent être utilisés." } } },
      { { { "Has anyone been hurt?", "Y a-t-il eu des blessés ?" } },
        { { "[Confirmed number, or: we have received [number] reports we are looking into]. Anyone with symptoms should [medical advice].",
            "[Nombre confirmé, ou : nous avons reçu [nombre] signalements que nous examinons]. Toute personne présentant des symptômes doit [conseil médical]." } } } } },

  { APL_SCENARIO_KIND_SOCIAL_MEDIA_BACKLASH, 4, 3, CORE_ROLES,
    { { "Social-media backlash", "Bad buzz sur les réseaux sociaux" } },
    { { "Crisis plan: social-media backlash", "Plan de crise : bad buzz" } },
    { { "A post, campaign, statement or customer story triggers a wave of criticism that spreads fast and reaches the press.",
        "Une publication, une campagne, une déclaration ou un témoignage client déclenche une vague de critiques qui se propage vite et atteint la presse." } },
    { { "Sudden rise in mentions with negative sentiment\nInfluencers or activists picking up a story\nA hashtag calling for a boycott\nJournalists asking for comment",
        "Hausse soudaine des mentions négatives\nInfluenceurs ou militants reprenant une histoire\nUn mot-dièse appelant au boycott\nDes journalistes demandant une réaction" } },
    { { { "Negative mentions above the usual level", "Mentions négatives au-dessus du niveau habituel" } },
      { { "Story trending or shared by influential accounts", "Sujet en tendance ou relayé par des comptes influents" } },
      { { "Mainstream media coverage, boycott, or threat to staff", "Couverture par les grands médias, boycott, ou menaces contre des salariés" } } },
    { { { "Monitor closely; do not delete comments; check the facts", "Veille renforcée ; ne pas supprimer les commentaires ; vérifier les faits" } },
      { { "Crisis cell convened; decide whether and how to respond; pause campaigns", "Cellule réunie ; décider s'il faut répondre et comment ; suspendre les campagnes" } },
      { { "Public response (apology if deserved, facts if not); spokesperson available; staff protected", "Réponse publique (excuses si elles sont dues, faits sinon) ; porte-parole disponible ; salariés protégés" } } },
    { { APL_LEVEL_WATCH, APL_ROLE_SOCIAL_MEDIA, 30,
        { { "Screenshot the original post and the most shared reactions for the record",
            "Faire des captures de la publication d'origine et des réactions les plus partagées" } } },
      { APL_LEVEL_ALERT, APL_ROLE_COMMS_LEAD, 120,
        { { "Decide with the crisis lead: respond, correct, apologise, or wait — and say why in the log",
            "Décider avec le responsable de crise : répondre, rectifier, s'excuser ou attendre — et noter pourquoi au registre" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_HR, 240,
        { { "Protect staff named or targeted online; remind all staff not to respond personally",
            "Protéger les salariés nommés ou visés en ligne ; rappeler à tous de ne pas répondre à titre personnel" } } } },
    { { { { "Will you apologise?", "Allez-vous présenter des excuses ?" } },
        { { "[If we got it wrong: We got this wrong and we are sorry. Here is what we are changing: ...] [If not: the facts, said with respect for the concern].",
            "[Si nous avons eu tort : Nous avons eu tort et nous le regrettons. Voici ce que nous changeons : ...] [Sinon : les faits, avec respect pour l'inquiétude exprimée]." } } },
      { { { "Why did you delete comments?", "Pourquoi avez-vous supprimé des commentaires ?" } },
        { { "We only remove comments that break our published rules (threats, insults, personal data). Criticism stays visible.",
            "Nous ne retirons que les commentaires contraires à nos règles publiées (menaces, insultes, données personnelles). Les critiques restent visibles." } } } } },

  { APL_SCENARIO_KIND_MISINFORMATION, 3, 3, CORE_ROLES | ROLE_BIT (APL_ROLE_RISK_COMPLIANCE),
    { { "Misinformation campaign", "Campagne de désinformation" } },
    { { "Crisis plan: misinformation campaign", "Plan de crise : désinformation" } },
    { { "False or distorted claims about the organisation spread, sometimes deliberately, with fake documents, images or accounts.",
        "Des affirmations fausses ou déformées sur l'organisation circulent, parfois délibérément, avec de faux documents, images ou comptes." } },
    { { "The same false claim posted by many new accounts\nFake documents or doctored images bearing our name\nAn account impersonating the organisation or an executive\nQuestions from customers about something we never said",
        "La même fausse affirmation publiée par de nombreux nouveaux comptes\nFaux documents ou images retouchées à notre nom\nUn compte usurpant l'identité de l'organisation ou d'un dirigeant\nQuestions de clients sur des propos jamais tenus" } },
    { { { "A false claim circulates in a small circle", "Une fausse information circule dans un cercle restreint" } },
      { { "The claim spreads beyond its first circle or is picked up by a known account", "L'information dépasse son premier cercle ou est reprise par un compte connu" } },
      { { "Media repeat the claim, or it causes harm (safety, markets, staff)", "Les médias reprennent l'information, ou elle cause un tort (sécurité, marchés, salariés)" } } },
    { { { "Record evidence; check the facts; do not amplify by reacting", "Conserver les preuves ; vérifier les faits ; ne pas amplifier en réagissant" } },
      { { "Prepare a factual correction and proof; report fake accounts to the platforms", "Préparer un rectificatif factuel et des preuves ; signaler les faux comptes aux plateformes" } },
      { { "Publish the correction where the claim spread; brief journalists; consider legal action", "Publier le rectificatif là où l'information a circulé ; informer les journalistes ; envisager une action en justice" } } },
    { { APL_LEVEL_WATCH, APL_ROLE_SOCIAL_MEDIA, 60,
        { { "Archive the posts, accounts and times as evidence before they disappear",
            "Archiver les publications, comptes et horaires comme preuves avant qu'ils disparaissent" } } },
      { APL_LEVEL_ALERT, APL_ROLE_SOCIAL_MEDIA, 240,
        { { "Report impersonating accounts and fake documents to the platforms",
            "Signaler aux plateformes les comptes usurpateurs et les faux documents" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_COMMS_LEAD, 180,
        { { "Publish a short factual correction with proof, and pin it",
            "Publier un rectificatif court et factuel, avec preuves, et l'épingler" } } } },
    { { { { "Is this document genuine?", "Ce document est-il authentique ?" } },
        { { "No. [How we know: it does not match ...]. Our official information is only on [channels].",
            "Non. [Comment nous le savons : il ne correspond pas à ...]. Nos informations officielles sont uniquement sur [canaux]." } } },
      { { { "Who is behind this campaign?", "Qui est derrière cette campagne ?" } },
        { { "We will not speculate. We have reported it to [platforms / authorities] and we are setting out the facts.",
            "Nous ne ferons pas de spéculation. Nous l'avons signalée à [plateformes / autorités] et nous rétablissons les faits." } } } } },

  { APL_SCENARIO_KIND_INDUSTRIAL_ACCIDENT, 2, 5, CORE_ROLES | ROLE_BIT (APL_ROLE_OPERATIONS) | ROLE_BIT (APL_ROLE_RISK_COMPLIANCE),
    { { "Industrial accident", "Accident industriel" } },
    { { "Crisis plan: industrial accident", "Plan de crise : accident industriel" } },
    { { "A fire, explosion, leak or serious injury at a site, with possible harm to staff, neighbours or the environment.",
        "Un incendie, une explosion, une fuite ou un accident grave sur un site, avec des conséquences possibles pour les salariés, les riverains ou l'environnement." } },
    { { "Alarm or safety system triggered\nEmergency services called to a site\nSmoke, smell or noise reported by neighbours\nPhotos or videos of the site on social media",
        "Alarme ou système de sécurité déclenché\nSecours appelés sur un site\nFumée, odeur ou bruit signalés par les riverains\nPhotos ou vidéos du site sur les réseaux sociaux" } },
    { { { "Minor incident contained on site, no injury", "Incident mineur maîtrisé sur site, sans blessé" } },
      { { "Emergency services on site, or visible from outside", "Secours sur place, ou incident visible de l'extérieur" } },
      { { "Injuries or deaths, evacuation, or risk to neighbours", "Blessés ou décès, évacuation, ou risque pour les riverains" } } },
    { { { "Site manager reports to the crisis lead; facts logged", "Le responsable de site rend compte au responsable de crise ; faits consignés" } },
      { { "Crisis cell convened; coordinate with emergency services and the local authority; holding statement ready", "Cellule réunie ; coordination avec les secours et la préfecture ou mairie ; déclaration d'attente prête" } },
      { { "Families told first; statement within the hour, aligned with the authorities; spokesperson on site", "Familles prévenues en premier ; déclaration dans l'heure, alignée avec les autorités ; porte-parole sur place" } } },
    { { APL_LEVEL_ALERT, APL_ROLE_OPERATIONS, 30,
        { { "Align every public word with the emergency services and the authority in charge",
            "Aligner chaque prise de parole avec les secours et l'autorité en charge" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_HR, 60,
        { { "Tell the families of victims in person, before any names are made public",
            "Prévenir en personne les familles des victimes, avant toute communication de noms" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_OPERATIONS, 120,
        { { "Tell neighbours what to do (stay inside, close windows) with the authorities",
            "Indiquer aux riverains la conduite à tenir (rester à l'abri, fermer les fenêtres) avec les autorités" } } } },
    { { { { "Is there a danger for people living nearby?", "Y a-t-il un danger pour les riverains ?" } },
        { { "[Instructions from the authorities]. We are measuring [what] with [who] and will publish the results.",
            "[Consignes des autorités]. Nous mesurons [quoi] avec [qui] et publierons les résultats." } } },
      { { { "Had this site had safety problems before?", "Ce site avait-il déjà connu des problèmes de sécurité ?" } },
        { { "[The facts: inspections, incidents, actions taken]. The investigation will establish the causes; we will cooperate fully.",
            "[Les faits : inspections, incidents, mesures prises]. L'enquête établira les causes ; nous coopérerons pleinement." } } } } },

  { APL_SCENARIO_KIND_EXECUTIVE_MISCONDUCT, 2, 4, CORE_ROLES | ROLE_BIT (APL_ROLE_RISK_COMPLIANCE),
    { { "Executive misconduct", "Faute d'un dirigeant" } },
    { { "Crisis plan: executive misconduct", "Plan de crise : faute d'un dirigeant" } },
    { { "A senior leader is accused of harassment, fraud, discrimination or another serious misconduct, publicly or internally.",
        "Un dirigeant est accusé de harcèlement, de fraude, de discrimination ou d'une autre faute grave, publiquement ou en interne." } },
    { { "A whistleblowing report naming a leader\nA journalist investigating and contacting former staff\nAnonymous posts on employer-review sites\nA leader's controversial remarks recorded or shared",
        "Un signalement d'alerte visant un dirigeant\nUn journaliste enquêtant et contactant d'anciens salariés\nDes messages anonymes sur des sites d'avis d'employeurs\nDes propos controversés d'un dirigeant enregistrés ou partagés" } },
    { { { "Internal allegation received", "Allégation interne reçue" } },
      { { "A journalist is investigating, or the allegation is credible and serious", "Un journaliste enquête, ou l'allégation est crédible et grave" } },
      { { "Allegation published, or legal proceedings opened", "Allégation publiée, ou procédure judiciaire ouverte" } } },
    { { { "Independent handling of the report; people who reported protected", "Traitement indépendant du signalement ; lanceurs d'alerte protégés" } },
      { { "Board informed; the person concerned leaves the crisis cell; independent investigation set up", "Conseil d'administration informé ; la personne concernée quitte la cellule ; enquête indépendante lancée" } },
      { { "Statement on the measures taken (suspension, investigation); support for people affected; staff told", "Déclaration sur les mesures prises (suspension, enquête) ; soutien aux personnes concernées ; salariés informés" } } },
    { { APL_LEVEL_ALERT, APL_ROLE_CRISIS_LEAD, 60,
        { { "Remove the person concerned from the crisis cell and from decisions about the case",
            "Écarter la personne concernée de la cellule et des décisions sur le dossier" } } },
      { APL_LEVEL_ALERT, APL_ROLE_LEGAL, 1440,
        { { "Appoint an independent investigator and agree what can be said while it runs",
            "Désigner un enquêteur indépendant et convenir de ce qui peut être dit pendant l'enquête" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_HR, 120,
        { { "Tell staff what is happening and where to get support or report concerns",
            "Informer les salariés et leur indiquer où trouver du soutien ou faire un signalement" } } } },
    { { { { "Is the executive still in post?", "Le dirigeant est-il toujours en poste ?" } },
        { { "[Measures taken: suspended / stepped back / in post] while an independent investigation takes place.",
            "[Mesures prises : suspendu / en retrait / en poste] pendant une enquête indépendante." } } },
      { { { "Did the board know before?", "Le conseil d'administration était-il au courant ?" } },
        { { "[The facts about when the board learnt of it and what it did]. The investigation will look at how concerns were handled.",
            "[Les faits : quand le conseil l'a appris et ce qu'il a fait]. L'enquête examinera la manière dont les alertes ont été traitées." } } } } },

  { APL_SCENARIO_KIND_SERVICE_OUTAGE, 4, 3, CORE_ROLES | ROLE_BIT (APL_ROLE_IT_SECURITY) | ROLE_BIT (APL_ROLE_OPERATIONS),
    { { "Service outage", "Panne de service" } },
    { { "Crisis plan: service outage", "Plan de crise : panne de service" } },
    { { "A service customers rely on stops or degrades (website, app, payments, network, deliveries) for hours or days.",
        "Un service dont dépendent les clients s'arrête ou se dégrade (site, application, paiements, réseau, livraisons) pendant des heures ou des jours." } },
    { { "Monitoring alerts or a failing supplier\nSpike in calls or complaints\nUsers posting about errors or outages\nOutage trackers showing reports",
        "Alertes de supervision ou défaillance d'un fournisseur\nPic d'appels ou de réclamations\nUtilisateurs signalant des erreurs ou une panne\nSites de suivi des pannes en alerte" } },
    { { { "Degraded service, fix expected within the hour", "Service dégradé, correction attendue dans l'heure" } },
      { { "Outage lasting over an hour or affecting many customers", "Panne de plus d'une heure ou touchant de nombreux clients" } },
      { { "Outage lasting over half a day, essential services hit, or safety at stake", "Panne de plus d'une demi-journée, services essentiels touchés, ou sécurité en jeu" } } },
    { { { "Status page updated; support told; watch the fix", "Page d'état mise à jour ; support informé ; suivi du rétablissement" } },
      { { "Crisis cell convened; public acknowledgement; updates at a fixed rhythm", "Cellule réunie ; reconnaissance publique de la panne ; points à rythme fixe" } },
      { { "Regular updates even without news; workarounds for customers; compensation considered", "Points réguliers même sans nouveauté ; solutions de contournement ; geste commercial envisagé" } } },
    { { APL_LEVEL_WATCH, APL_ROLE_IT_SECURITY, 15,
        { { "Acknowledge the problem on the status page within 15 minutes",
            "Reconnaître le problème sur la page d'état dans les 15 minutes" } } },
      { APL_LEVEL_ALERT, APL_ROLE_SOCIAL_MEDIA, 60,
        { { "Post updates every hour, even to say there is nothing new",
            "Publier un point toutes les heures, même pour dire qu'il n'y a rien de nouveau" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_CUSTOMER_SERVICE, 240,
        { { "Publish workarounds and priority help for vulnerable customers",
            "Publier des solutions de contournement et une aide prioritaire pour les clients vulnérables" } } } },
    { { { { "Is it a cyber-attack?", "S'agit-il d'une cyberattaque ?" } },
        { { "[What is confirmed about the cause]. We will say so clearly as soon as we know.",
            "[Ce qui est confirmé sur la cause]. Nous le dirons clairement dès que nous le saurons." } } },
      { { { "Will customers be compensated?", "Les clients seront-ils dédommagés ?" } },
        { { "[Our decision, or: we will announce what we will do for affected customers by [date]].",
            "[Notre décision, ou : nous annoncerons d'ici le [date] ce que nous ferons pour les clients touchés]." } } } } },

  { APL_SCENARIO_KIND_NATURAL_DISASTER, 2, 5, CORE_ROLES | ROLE_BIT (APL_ROLE_OPERATIONS) | ROLE_BIT (APL_ROLE_IT_SECURITY),
    { { "Natural disaster", "Catastrophe naturelle" } },
    { { "Crisis plan: natural disaster", "Plan de crise : catastrophe naturelle" } },
    { { "A flood, storm, earthquake, wildfire or heatwave affects sites, staff, customers or supply, often with networks down.",
        "Une inondation, une tempête, un séisme, un incendie de forêt ou une canicule touche des sites, des salariés, des clients ou l'approvisionnement, souvent avec des réseaux coupés." } },
    { { "Weather or flood warnings for our areas\nAlerts from the authorities\nSites reporting power or network loss\nStaff unable to reach work",
        "Vigilances météo ou crues sur nos territoires\nAlertes des autorités\nSites signalant une coupure d'électricité ou de réseau\nSalariés ne pouvant se rendre au travail" } },
    { { { "Official warning for an area where we operate", "Vigilance officielle sur une zone où nous sommes présents" } },
      { { "Event under way, sites or staff exposed", "Événement en cours, sites ou salariés exposés" } },
      { { "Staff or customers harmed, sites damaged, or essential service interrupted", "Salariés ou clients touchés, sites endommagés, ou service essentiel interrompu" } } },
    { { { "Check the phone tree and printed copies of the plan; staff reminded of safety instructions", "Vérifier la chaîne d'appel et les copies papier du plan ; rappel des consignes aux salariés" } },
      { { "Crisis cell convened; staff safety checked; follow the authorities' instructions", "Cellule réunie ; sécurité des salariés vérifiée ; consignes des autorités appliquées" } },
      { { "Account for every employee; messages relay official instructions; support for communities", "Nouvelles de chaque salarié ; messages relayant les consignes officielles ; soutien aux populations" } } },
    { { APL_LEVEL_WATCH, APL_ROLE_CRISIS_LEAD, 240,
        { { "Check that the cell can work without power or internet: printed plan, phone numbers, meeting point",
            "Vérifier que la cellule peut fonctionner sans électricité ni internet : plan imprimé, numéros, point de ralliement" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_HR, 180,
        { { "Account for every employee in the affected area",
            "Prendre des nouvelles de chaque salarié de la zone touchée" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_SOCIAL_MEDIA, 60,
        { { "Relay only official safety instructions; no promotional content",
            "Relayer uniquement les consignes officielles de sécurité ; aucun contenu promotionnel" } } } },
    { { { { "Are your staff safe?", "Vos salariés sont-ils en sécurité ?" } },
        { { "[Number] colleagues work in the area; [what we know about them]. We are in contact with every one of them.",
            "[Nombre] collègues travaillent dans la zone ; [ce que nous savons]. Nous sommes en contact avec chacun d'eux." } } },
      { { { "Will services continue?", "Les services vont-ils continuer ?" } },
        { { "[What runs, what is interrupted, and the alternatives]. We will update this at [time].",
            "[Ce qui fonctionne, ce qui est interrompu, et les solutions]. Nous ferons un point à [heure]." } } } } },

  { APL_SCENARIO_KIND_OTHER, 3, 3, CORE_ROLES,
    { { "Other crisis", "Autre crise" } },
    { { "Crisis plan", "Plan de crise" } },
    { { "[Describe the situation this plan prepares for: what could happen, who it would affect, what the plan must achieve.]",
        "[Décrire la situation à laquelle ce plan prépare : ce qui pourrait arriver, qui serait touché, ce que le plan doit permettre.]" } },
    { { "[A first sign that would tell us this is starting]\n[Another sign]",
        "[Un premier signe montrant que la situation commence]\n[Un autre signe]" } },
    { { { "A signal needs watching, no impact yet", "Un signal à surveiller, sans impact à ce stade" } },
      { { "Impact likely or visible to some people outside", "Impact probable ou visible par certaines personnes extérieures" } },
      { { "Serious impact on people, operations or reputation, or media asking", "Impact grave sur les personnes, l'activité ou la réputation, ou questions des médias" } } },
    { { { "Monitor; log facts; check the plan is up to date", "Surveiller ; consigner les faits ; vérifier que le plan est à jour" } },
      { { "Crisis cell convened; holding statement prepared", "Cellule réunie ; déclaration d'attente préparée" } },
      { { "Holding statement within the hour; regular updates; stakeholders informed", "Déclaration d'attente dans l'heure ; points réguliers ; parties prenantes informées" } } },
    { { APL_LEVEL_ALERT, APL_ROLE_CRISIS_LEAD, 60,
        { { "List the stakeholders to inform and in what order",
            "Lister les parties prenantes à informer et dans quel ordre" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_RISK_COMPLIANCE, -1,
        { { "Keep the decision log for the after-action review",
            "Tenir le registre des décisions pour le retour d'expérience" } } },
      { APL_LEVEL_CRISIS, APL_ROLE_COMMS_LEAD, 1440,
        { { "Thank the people who helped and announce the end of the crisis",
            "Remercier les personnes mobilisées et annoncer la fin de la crise" } } } },
    { { { { "How long will this last?", "Combien de temps cela va-t-il durer ?" } },
        { { "[Honest estimate with its conditions]. Our next update is at [time].",
            "[Estimation honnête et ses conditions]. Notre prochain point est à [heure]." } } },
      { { { "What will you change so it does not happen again?", "Qu'allez-vous changer pour que cela ne se reproduise pas ?" } },
        { { "We will review what happened with [who] and publish what we change by [date].",
            "Nous examinerons ce qui s'est passé avec [qui] et publierons d'ici le [date] ce que nous changeons." } } } } },
};

/* Helpers */

static guint
language_index (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "fr") ? 1 : 0;
}

static const char *
language_code (const char *language)
{
  return language_index (language) == 1 ? "fr" : "en";
}

/**
 * apl_crisis_starter_scenario_title:
 * @language: (nullable): a language code; French for "fr…", English otherwise
 *
 * Returns: the starter title of a scenario of that kind, in that language
 */
const char *
apl_crisis_starter_scenario_title (AplScenarioKind  kind,
                                   const char      *language)
{
  g_return_val_if_fail (kind < APL_N_SCENARIO_KINDS, NULL);
  return scenarios[kind].title.text[language_index (language)];
}

/**
 * apl_store_add_starter_scenario:
 * @language: (nullable): "fr" for French content, anything else for English
 *
 * Adds a scenario of @kind to the plan with its starter content: levels,
 * signals, checklist and questions, plus the crisis-cell roles, RACI tasks
 * and owned channels the plan does not have yet. All in one transaction.
 *
 * Returns: (transfer full): the new scenario
 */
AplScenario *
apl_store_add_starter_scenario (AplStore         *self,
                                AplPlan          *plan,
                                AplScenarioKind   kind,
                                const char       *language,
                                GError          **error)
{
  const Scenario *s;
  guint lang = language_index (language);
  AplStarterContent content = { 0, };
  g_autoptr(GArray) roles = g_array_new (FALSE, TRUE, sizeof (AplStarterRole));
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (AplStarterStep));
  g_autoptr(GArray) tasks = g_array_new (FALSE, TRUE, sizeof (AplStarterTask));
  g_autoptr(GArray) channels = g_array_new (FALSE, TRUE, sizeof (AplStarterChannel));
  g_autoptr(GArray) questions = g_array_new (FALSE, TRUE, sizeof (AplStarterQuestion));
  AplScenario *scenario;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);
  g_return_val_if_fail (kind < APL_N_SCENARIO_KINDS, NULL);

  s = &scenarios[kind];
  g_assert (s->kind == kind);

  content.kind = kind;
  content.language = language_code (language);
  content.fields[APL_SCENARIO_FIELD_TITLE] = s->title.text[lang];
  content.fields[APL_SCENARIO_FIELD_DESCRIPTION] = s->description.text[lang];
  content.fields[APL_SCENARIO_FIELD_SIGNALS] = s->signals.text[lang];
  for (AplLevel level = 0; level < APL_N_LEVELS; level++)
    {
      content.fields[APL_SCENARIO_FIELD_WATCH_TRIGGER + 2 * level] = s->triggers[level].text[lang];
      content.fields[APL_SCENARIO_FIELD_WATCH_ACTIONS + 2 * level] = s->actions[level].text[lang];
    }
  content.likelihood = s->likelihood;
  content.impact = s->impact;

  for (AplRoleKind k = 0; k < APL_ROLE_CUSTOM; k++)
    if (s->roles & ROLE_BIT (k))
      {
        AplStarterRole role = { k, role_responsibilities[k].text[lang] };

        g_array_append_val (roles, role);
      }

  /* The common steps, with the scenario's own after those of their level;
   * a step whose role the scenario does not use goes to the crisis lead. */
  for (AplLevel level = 0; level < APL_N_LEVELS; level++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (common_steps); i++)
        if (common_steps[i].level == level)
          {
            AplStarterStep step = { level, common_steps[i].role, common_steps[i].minutes,
                                    common_steps[i].action.text[lang] };

            if (!(s->roles & ROLE_BIT (step.role)))
              step.role = APL_ROLE_CRISIS_LEAD;
            g_array_append_val (steps, step);
          }
      for (guint i = 0; i < G_N_ELEMENTS (s->steps); i++)
        if (s->steps[i].level == level && s->steps[i].action.text[0] != NULL)
          {
            AplStarterStep step = { level, s->steps[i].role, s->steps[i].minutes, s->steps[i].action.text[lang] };

            if (!(s->roles & ROLE_BIT (step.role)))
              step.role = APL_ROLE_CRISIS_LEAD;
            g_array_append_val (steps, step);
          }
    }

  for (guint i = 0; i < G_N_ELEMENTS (common_tasks); i++)
    {
      AplStarterTask task = { common_tasks[i].name.text[lang], { 0, } };

      memcpy (task.raci, common_tasks[i].raci, sizeof task.raci);
      g_array_append_val (tasks, task);
    }

  for (guint i = 0; i < G_N_ELEMENTS (common_channels); i++)
    {
      AplStarterChannel channel = { common_channels[i].kind, common_channels[i].name.text[lang] };

      g_array_append_val (channels, channel);
    }

  /* The scenario's own questions first: they are the ones a journalist
   * opens with; the common ones follow. */
  for (guint i = 0; i < G_N_ELEMENTS (s->questions); i++)
    {
      AplStarterQuestion q = { s->questions[i].question.text[lang], s->questions[i].answer.text[lang] };

      g_array_append_val (questions, q);
    }
  for (guint i = 0; i < G_N_ELEMENTS (common_questions); i++)
    {
      AplStarterQuestion q = { common_questions[i].question.text[lang], common_questions[i].answer.text[lang] };

      g_array_append_val (questions, q);
    }

  content.roles = (const AplStarterRole *) roles->data;
  content.n_roles = roles->len;
  content.steps = (const AplStarterStep *) steps->data;
  content.n_steps = steps->len;
  content.tasks = (const AplStarterTask *) tasks->data;
  content.n_tasks = tasks->len;
  content.channels = (const AplStarterChannel *) channels->data;
  content.n_channels = channels->len;
  content.questions = (const AplStarterQuestion *) questions->data;
  content.n_questions = questions->len;

  id = _apl_store_insert_starter (self, plan, &content, error);
  if (id == 0)
    return NULL;

  scenario = apl_store_find_scenario (self, plan, id);
  if (scenario == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The scenario no longer exists."));
      return NULL;
    }
  return g_object_ref (scenario);
}

/* The starter messages name the plan as their scenario; name the scenario
 * instead, so that plan health finds its holding statement. */
static gboolean
link_messages (AplStore     *self,
               GListModel   *messages,
               guint         first,
               AplScenario  *scenario,
               const char   *author,
               GError      **error)
{
  guint n = g_list_model_get_n_items (messages);

  for (guint i = first; i < n; i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);

      if (!apl_message_set_field (message, APL_MESSAGE_FIELD_SCENARIO, apl_scenario_get_title (scenario),
                                  author, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * apl_store_create_plan_from_scenario:
 * @language: (nullable): "fr" for a French plan, anything else for English
 *
 * The core of the "New Plan from Scenario" assistant: creates a plan in
 * @language with a scenario of @kind and its starter content (levels,
 * signals, crisis-cell roles, RACI grid, checklists, owned channels,
 * questions and answers) and the starter messages in that language. The
 * user then adapts it. When a step fails, the half-made plan is deleted.
 *
 * Returns: (transfer full): the new plan, already in apl_store_get_plans()
 */
AplPlan *
apl_store_create_plan_from_scenario (AplStore         *self,
                                     AplScenarioKind   kind,
                                     const char       *language,
                                     GError          **error)
{
  const char *code = language_code (language);
  const char * const languages[] = { code, NULL };
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplScenario) scenario = NULL;
  g_autoptr(GError) local_error = NULL;
  /* Translators: the author of a new plan's starter messages in their history */
  const char *author = _("Aplomb starter");
  GListModel *messages;
  guint n_before;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < APL_N_SCENARIO_KINDS, NULL);

  plan = apl_store_create_plan (self, scenarios[kind].plan_title.text[language_index (code)], error);
  if (plan == NULL)
    return NULL;

  if (!apl_plan_set_field (plan, APL_PLAN_FIELD_LANGUAGE, code, &local_error)
      || !apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY,
                              scenarios[kind].description.text[language_index (code)], &local_error))
    goto fail;

  scenario = apl_store_add_starter_scenario (self, plan, kind, code, &local_error);
  if (scenario == NULL)
    goto fail;

  messages = apl_store_get_messages (self, plan, &local_error);
  if (messages == NULL)
    goto fail;
  n_before = g_list_model_get_n_items (messages);
  if (apl_store_add_starter_messages (self, plan, languages, author, &local_error) == 0 && local_error != NULL)
    goto fail;
  if (!link_messages (self, messages, n_before, scenario, author, &local_error))
    goto fail;

  return g_steal_pointer (&plan);

fail:
  /* Deleted, not purged: the next open purges it like any deleted plan. */
  apl_store_delete_plan (self, plan, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
