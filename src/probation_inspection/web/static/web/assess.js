// The assessment page, improved: live relevance, progress per section and autosave.
// The page works without this file; it only applies the server's own rules sooner.

const ANSWERED = new Set(['yes', 'no', 'not-applicable'])
const DEBOUNCE_MS = 2000
const EVERY_MS = 30000

class MissingAttribute extends Error {}
class WrongType extends Error {}

function kindOf (value) {
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number') return 'number'
  return 'text'
}

function operand (node, attributes) {
  if (node.t === 'name') {
    if (!Object.prototype.hasOwnProperty.call(attributes, node.name)) {
      throw new MissingAttribute(node.name)
    }
    return attributes[node.name]
  }
  if (node.kind === 'decimal') return Number(node.value)
  return node.value
}

function truth (value) {
  if (typeof value !== 'boolean') throw new WrongType(String(value))
  return value
}

function sameKind (left, right) {
  if (kindOf(left) !== kindOf(right)) throw new WrongType(`${left} ${right}`)
}

function compare (op, left, right) {
  sameKind(left, right)
  if (typeof left === 'boolean' && op !== '==' && op !== '!=') throw new WrongType(op)
  switch (op) {
    case '==': return left === right
    case '!=': return left !== right
    case '<': return left < right
    case '<=': return left <= right
    case '>': return left > right
    case '>=': return left >= right
  }
  throw new WrongType(op)
}

// The rule's value for these attributes, as `framework.relevance` evaluates it: every operand
// of "and" and "or" is evaluated, so an attribute a rule reads and the case lacks is reported.
export function evaluate (node, attributes) {
  switch (node.t) {
    case 'name':
    case 'literal':
      return truth(operand(node, attributes))
    case 'compare':
      return compare(node.op, operand(node.left, attributes), operand(node.right, attributes))
    case 'in': {
      const value = operand(node.operand, attributes)
      const choices = node.choices.map((choice) => operand(choice, attributes))
      choices.forEach((choice) => sameKind(value, choice))
      return choices.some((choice) => choice === value) !== node.negated
    }
    case 'not':
      return !evaluate(node.operand, attributes)
    case 'and':
      return node.operands.map((each) => evaluate(each, attributes)).every(Boolean)
    case 'or':
      return node.operands.map((each) => evaluate(each, attributes)).some(Boolean)
  }
  throw new WrongType(node.t)
}

function ruleApplies (rule, attributes) {
  return rule === null || evaluate(rule, attributes)
}

// Whether a question applies: true, false, or null while an attribute its rules read is not
// given (`scoring.walk.Question.applies`: a prompt applies only where its key question does).
export function applies (question, attributes) {
  try {
    return ruleApplies(question.key_question, attributes) &&
      ruleApplies(question.prompt, attributes)
  } catch (error) {
    if (error instanceof MissingAttribute || error instanceof WrongType) return null
    throw error
  }
}

function slug (id) {
  return id.replace(/\./g, '-').replace(/ /g, '-')
}

function readAttributes (form, types) {
  const attributes = {}
  for (const [name, type] of Object.entries(types)) {
    const field = form.elements[`attribute-${name}`]
    const raw = field ? field.value : ''
    if (raw === '' || raw === undefined) continue
    if (type === 'boolean') attributes[name] = raw === 'true'
    else if (type === 'integer' || type === 'decimal') attributes[name] = Number(raw)
    else attributes[name] = raw
  }
  return attributes
}

function show (element, visible) {
  if (element) element.hidden = !visible
}

function refresh (form, rules) {
  const attributes = readAttributes(form, rules.attributes)
  const state = {}
  for (const [id, question] of Object.entries(rules.questions)) {
    state[id] = applies(question, attributes)
  }
  // Questions that now apply come out of their templates into the form.
  for (const waiting of document.querySelectorAll('template[data-deferred]')) {
    if (state[waiting.dataset.deferred] === true) {
      waiting.replaceWith(waiting.content.cloneNode(true))
    }
  }
  for (const block of document.querySelectorAll('[data-key-question]')) {
    const decided = state[block.dataset.keyQuestion]
    show(block.querySelector('[data-when="relevant"]'), decided === true)
    show(block.querySelector('[data-when="not-relevant"]'), decided === false)
    show(block.querySelector('[data-when="undecided"]'), decided === null)
    for (const row of block.querySelectorAll('[data-question]:not(.app-judgement)')) {
      show(row, state[row.dataset.question] === true)
    }
  }
  const progress = {}
  for (const [id, question] of Object.entries(rules.questions)) {
    const counted = progress[question.standard] ??= { answered: 0, relevant: 0, undecided: 0 }
    if (state[id] === null) counted.undecided += 1
    if (state[id] !== true) continue
    counted.relevant += 1
    const field = form.elements[`answer-${slug(id)}`]
    if (field && ANSWERED.has(field.value)) counted.answered += 1
  }
  for (const [standard, counted] of Object.entries(progress)) {
    const words = `${counted.answered} of ${counted.relevant} answered` +
      (counted.undecided ? `, ${counted.undecided} waiting on the case's details` : '')
    for (const counter of document.querySelectorAll(`[data-progress-of="${standard}"]`)) {
      counter.textContent = words
    }
  }
}

function autosave (form) {
  const status = document.getElementById('autosave-status')
  const version = form.querySelector('input[name="version"]')
  const saveButton = form.querySelector('button[name="action"][value="save"]')
  let changes = 0
  let saved = 0
  let timer = null
  let inFlight = false
  let stopped = false

  function say (text, choose) {
    status.textContent = text
    if (choose) {
      const button = document.createElement('button')
      button.type = 'button'
      button.className = 'govuk-button govuk-button--warning app-save-bar__choose'
      button.textContent = 'Compare and choose'
      button.addEventListener('click', () => form.requestSubmit(saveButton))
      status.append(' ', button)
    }
  }

  async function save () {
    timer = null
    if (stopped || inFlight || changes === saved) return
    inFlight = true
    let retry = false
    const sending = changes
    // Sent form-encoded, as the page's own save is: the server reads that in a fraction of
    // the CPU a multipart body takes (the form has no file inputs).
    const body = new URLSearchParams(new FormData(form))
    body.set('action', 'save')
    body.set('autosave', '1')
    try {
      const response = await fetch(form.dataset.autosave, {
        method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' }
      })
      if (!(response.headers.get('Content-Type') || '').startsWith('application/json')) {
        // Signed out, refused or a server error: the page's own save will say which.
        say(`Not saved: the service answered ${response.status}. Save the draft to see why.`)
        return
      }
      const answer = await response.json()
      if (answer.saved && answer.version !== null) {
        version.value = String(answer.version)
        saved = sending
        retry = true
        say(answer.message)
      } else if (answer.conflicts) {
        // Someone else saved since the page was loaded: the page's own save compares and
        // offers a choice for each conflict; saving in the background stops until then.
        stopped = true
        say(`Not saved: ${answer.message}.`, true)
      } else {
        say(`Not saved: ${answer.message}`)
      }
    } catch (error) {
      say('Not saved: the service could not be reached. Your answers are still on this page.')
    } finally {
      inFlight = false
      // Changes made while this save was on its way go next; after a failure the next change
      // or the 30-second round tries again, rather than hammering the service.
      if (retry && !stopped && changes !== saved && timer === null) {
        timer = setTimeout(save, DEBOUNCE_MS)
      }
    }
  }

  function changed () {
    changes += 1
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(save, DEBOUNCE_MS)
  }

  form.addEventListener('change', changed)
  form.addEventListener('input', changed)
  form.addEventListener('submit', () => { stopped = true })
  setInterval(() => { if (changes !== saved) save() }, EVERY_MS)
}

const form = typeof document === 'undefined' ? null : document.getElementById('assessment-form')
const data = form && document.getElementById('relevance-rules')
if (form && data) {
  const rules = JSON.parse(data.textContent)
  form.addEventListener('change', () => refresh(form, rules))
  refresh(form, rules)
  if (form.dataset.autosave) autosave(form)
}
