alert('replaced')
