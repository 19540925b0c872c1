// A job's page: ask for its status every two seconds and show the progress; once the job
// has finished, load the page again so the server shows the file or the error. Without
// script the page's "Check again" link does the same.
const box = document.getElementById('job-status')
if (box && box.dataset.finished === 'false') {
  const bar = document.getElementById('job-progress')
  const words = document.getElementById('job-progress-words')
  const state = document.getElementById('job-state')
  const poll = async () => {
    try {
      const answer = await fetch(box.dataset.statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (answer.ok) {
        const status = await answer.json()
        if (status.finished) {
          window.location.reload()
          return
        }
        if (status.total > 0) {
          bar.max = status.total
          bar.value = status.done
          bar.textContent = status.percent + '%'
        }
        if (words.textContent !== status.progress) words.textContent = status.progress
        state.textContent = status.state_label
      }
    } catch (error) {
      // A dropped connection: try again at the next tick.
    }
    window.setTimeout(poll, 2000)
  }
  window.setTimeout(poll, 1000)
}
